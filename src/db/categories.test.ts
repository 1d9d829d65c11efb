import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB } from './schema.js';
import { messageRow } from './test-rows.js';
import { categoriesInUse } from './categories.js';

describe('categoriesInUse', () => {
  it('names each category once, and none for messages without any', async () => {
    const db = openMailDB('categories', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.messages.bulkPut([
      messageRow('a', { categories: ['Travel', 'Red category'] }),
      messageRow('b', { categories: ['Travel'] }),
      messageRow('c'),
    ]);
    expect(await categoriesInUse(db)).toEqual(['Red category', 'Travel']);
    await db.messages.delete('a');
    expect(await categoriesInUse(db)).toEqual(['Travel']);
  });
});
