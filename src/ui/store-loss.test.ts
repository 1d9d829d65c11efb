import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openMailDB } from '../db/index.js';
import { checkStoreKept, forgetStore, type StoreMark } from './store-loss.js';

/** A browser: its IndexedDB (which eviction deletes) and its cookie jar (which it keeps). */
function browser() {
  let indexedDB = new IDBFactory();
  let cookie: string | undefined;
  const mark: StoreMark = {
    read: () => cookie,
    write: (id) => void (cookie = id),
    clear: () => void (cookie = undefined),
  };
  return {
    mark,
    open: () => openMailDB('store-loss', { indexedDB, IDBKeyRange }),
    evict: () => void (indexedDB = new IDBFactory()),
  };
}

describe('checkStoreKept', () => {
  it('finds nothing lost on the first start, nor on the starts after it', async () => {
    const b = browser();
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
  });

  it('finds the store lost when the browser deleted it, once', async () => {
    const b = browser();
    await checkStoreKept(b.open(), b.mark);
    b.evict();
    expect(await checkStoreKept(b.open(), b.mark)).toBe(true);
    // The new store is the one remembered now.
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
  });

  it('says nothing when Tern deleted the store itself (sign-out, another account)', async () => {
    const b = browser();
    const db = b.open();
    await checkStoreKept(db, b.mark);
    forgetStore(b.mark);
    await db.delete();
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
  });

  it('says nothing for a store older than the mark (an update from a build without it)', async () => {
    const b = browser();
    const db = b.open();
    await db.meta.put({ key: 'lastSynced', value: 1 });
    expect(await checkStoreKept(db, b.mark)).toBe(false);
    expect(b.mark.read()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives two tabs starting at once the same name', async () => {
    const b = browser();
    const db = b.open();
    await Promise.all([checkStoreKept(db, b.mark), checkStoreKept(b.open(), b.mark)]);
    const named = b.mark.read();
    expect(await checkStoreKept(b.open(), b.mark)).toBe(false);
    expect(b.mark.read()).toBe(named);
  });
});
