import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../sync/protocol.js';

// The page's store, in memory (fake-indexeddb), opened the way src/ui/db.ts opens it.
vi.mock('./db.js', async () => {
  const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
  const { openMailDB } = await import('../db/index.js');
  return { db: openMailDB('file-sweep', { indexedDB: new IDBFactory(), IDBKeyRange }) };
});

const { db } = await import('./db.js');
const { syncStatus } = await import('./sync-client.js');
const { sweepFilesAsOutboxShrinks } = await import('./file-sweep.js');

const status = (pendingOutbox: number): SyncStatus => ({
  connection: { kind: 'online' },
  phase: 'idle',
  done: 0,
  total: 0,
  pendingOutbox,
});
const file = (id: string) => ({
  id,
  blob: new Blob(['x']),
  name: id,
  contentType: 'text/plain',
  size: 1,
  createdAt: 0,
});
const settle = () => vi.waitFor(async () => expect(await db.files.count()).toBe(0));

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('sweepFilesAsOutboxShrinks', () => {
  it('removes unnamed files at start, then each time the outbox gets shorter, and not when it grows', async () => {
    syncStatus.set(status(2));
    await db.files.put(file('left-over'));
    stop = sweepFilesAsOutboxShrinks();
    await settle();

    await db.files.put(file('sent'));
    syncStatus.set(status(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(await db.files.count()).toBe(1);
    syncStatus.set(status(1));
    await settle();
  });
});
