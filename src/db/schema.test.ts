import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange, forceCloseDatabase } from 'fake-indexeddb';
import { openMailDB } from './schema.js';

describe('openMailDB', () => {
  it('lets a newer schema in: the old connection closes and later reads fail instead of hanging', async () => {
    const indexedDB = new IDBFactory();
    const told: boolean[] = [];
    const old = openMailDB('upgrade', { indexedDB, IDBKeyRange, onVersionChange: (upgraded) => told.push(upgraded) });
    await old.meta.put({ key: 'k', value: 1 });

    // A newer build opens the same database at a higher version (Dexie stores version × 10; the schema is at 3).
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('upgrade', 40);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked by the old connection'));
    });
    expect(upgraded.version).toBe(40);
    expect(told).toEqual([true]);
    await expect(old.meta.get('k')).rejects.toThrow(/DatabaseClosed|closed/i);
    upgraded.close();
  });

  it('stays closed when the browser closes it (storage cleared), instead of reopening an empty store', async () => {
    const indexedDB = new IDBFactory();
    const told: boolean[] = [];
    const db = openMailDB('cleared', { indexedDB, IDBKeyRange, onVersionChange: (upgraded) => told.push(upgraded) });
    await db.meta.put({ key: 'k', value: 1 });
    // (fake-indexeddb types its argument as the class; it takes the connection.)
    forceCloseDatabase(db.backendDB() as never);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(told).toEqual([false]);
    // A pass still running must not write into a new, empty database.
    await expect(db.cursors.put({ key: 'inbox', syncState: 'S', updatedAt: 1 } as never)).rejects.toThrow(/closed/i);
  });

  it('tells a deletion (sign-out in another window) from a newer schema', async () => {
    const indexedDB = new IDBFactory();
    const told: boolean[] = [];
    const db = openMailDB('deleted', { indexedDB, IDBKeyRange, onVersionChange: (upgraded) => told.push(upgraded) });
    await db.meta.put({ key: 'k', value: 1 });
    await openMailDB('deleted', { indexedDB, IDBKeyRange }).delete();
    expect(told).toEqual([false]);
  });

  it('asks for strict durability on every transaction', async () => {
    const db = openMailDB('durable', { indexedDB: new IDBFactory(), IDBKeyRange });
    let durability: string | undefined;
    await db.transaction('rw', db.outbox, (tx) => {
      durability = (tx.idbtrans as IDBTransaction & { durability?: string }).durability;
    });
    expect(durability).toBe('strict');
  });
});
