import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FolderRow, MessageRow, OutboxEntry } from './entities.js';
import type { OutboxOp } from './outbox-ops.js';
import { overlayFolder, overlayMessage, overlayPage } from './outbox-overlay.js';
import { openMailDB } from './schema.js';
import { messageRow } from './test-rows.js';

const row = (id: string, extra: Partial<MessageRow> = {}) =>
  messageRow(id, { changeKey: 'server', receivedAt: 1, subject: '', size: 1, ...extra });

let seq = 0;
const entry = (op: OutboxOp, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  seq: ++seq,
  opId: `op-${seq}`,
  op,
  state: 'pending',
  attempts: 0,
  createdAt: 1,
  ...extra,
});

describe('overlayMessage', () => {
  it('applies the live intents on a message to the server’s copy, oldest first', () => {
    const entries = [
      entry({ kind: 'set-read', ids: ['a'], isRead: true }),
      entry({ kind: 'set-flag', ids: ['a', 'b'], flag: 1 }),
      entry({ kind: 'move', ids: ['a'], toFolderId: 'archive' }),
      entry({ kind: 'set-read', ids: ['a'], isRead: false }, { state: 'parked' }),
      entry({ kind: 'delete', ids: ['b'] }),
    ];
    expect(overlayMessage(row('a'), entries, 'trash')).toMatchObject({ isRead: 1, flag: 1, folderId: 'archive' });
    expect(overlayMessage(row('b'), entries, 'trash')).toMatchObject({ isRead: 0, flag: 1, folderId: 'trash' });
    expect(overlayMessage(row('c'), entries, 'trash')).toEqual(row('c'));
  });

  it('adds and takes off one category at a time, keeping the ones the server brings', () => {
    const entries = [
      entry({ kind: 'categorize', ids: ['a'], category: 'Red', on: true }),
      entry({ kind: 'categorize', ids: ['a'], category: 'Blue', on: false }),
    ];
    expect(overlayMessage(row('a', { categories: ['Blue', 'Green'] }), entries, 'trash')?.categories).toEqual([
      'Green',
      'Red',
    ]);
    expect(overlayMessage(row('a', { categories: ['Blue'] }), entries.slice(1), 'trash')).not.toHaveProperty(
      'categories',
    );
  });

  it('a message deleted for good here stays deleted', () => {
    const entries = [entry({ kind: 'delete', ids: ['a'] }, { local: { hardDelete: ['a'] } })];
    expect(overlayMessage(row('a'), entries, 'trash')).toBeUndefined();
  });
});

describe('overlayFolder', () => {
  it('keeps a pending rename and a pending delete', () => {
    const f: FolderRow = {
      id: 'f',
      parentId: 'root',
      name: 'Old',
      kind: 'Folder',
      folderClass: 'IPF.Note',
      total: 0,
      unread: 0,
      childCount: 0,
    };
    const renamed = [entry({ kind: 'rename-folder', id: 'f', name: 'New' })];
    expect(overlayFolder(f, renamed, 'trash')).toMatchObject({ name: 'New', parentId: 'root' });
    const deleted = [...renamed, entry({ kind: 'delete-folder', id: 'f' })];
    expect(overlayFolder(f, deleted, 'trash')).toMatchObject({ name: 'New', parentId: 'trash' });
    const gone = [entry({ kind: 'delete-folder', id: 'f' }, { local: { hardDelete: ['f'] } })];
    expect(overlayFolder(f, gone, 'trash')).toBeUndefined();
  });
});

describe('overlayPage', () => {
  it('keeps a row the server deleted while our move of it may already have happened', async () => {
    const db = openMailDB('overlay', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.outbox.bulkAdd([
      { ...entry({ kind: 'move', ids: ['a'], toFolderId: 'archive' }, { progress: { tried: true } }), seq: undefined },
      { ...entry({ kind: 'set-flag', ids: ['b'], flag: 1 }), seq: undefined },
    ]);
    const shownA = row('a', { folderId: 'archive' });
    const rows = new Map<string, MessageRow | undefined>([
      ['a', undefined],
      ['b', undefined],
      ['c', row('c', { isRead: 1 })],
    ]);
    await db.transaction('rw', [db.outbox, db.folders], () =>
      overlayPage(
        db,
        rows,
        new Map([
          ['a', shownA],
          ['b', row('b')],
        ]),
      ),
    );
    expect(rows.get('a')).toEqual(shownA);
    expect(rows.get('b')).toBeUndefined();
    expect(rows.get('c')).toEqual(row('c', { isRead: 1 }));
  });
});
