import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { FindItem, GetItem } from '../../src/ews/index.js';
import { distinguishedFolder, openMailDB, recordAction, type MailDB } from '../../src/db/index.js';
import { ADA, Harness, plain } from './sync-harness.js';

/**
 * Every schema Tern has shipped, exactly as shipped (src/db/schema.ts adds versions and never
 * edits one). A store written under any of them must open in today's build with its outbox
 * intact, and what the outbox held must still reach the server (SECURITY.md §6.5).
 */
const SHIPPED: Record<number, Record<string, string>> = {
  1: {
    folders: 'id, parentId, distinguished',
    messages: 'id, [folderId+receivedAt], [folderId+isRead], conversationId, *terms, receivedAt',
    bodies: 'id, fetchedAt',
    cursors: 'key',
    outbox: '++seq, &opId, state',
    meta: 'key',
  },
  2: { files: 'id' },
  3: { messages: 'id, [folderId+receivedAt], [folderId+isRead], conversationId, *terms, receivedAt, *categories' },
};
const LATEST = Math.max(...Object.keys(SHIPPED).map(Number));

/** The store as the build of schema `version` opened it. */
function openShipped(version: number, name: string, indexedDB: IDBFactory): Dexie {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  for (let v = 1; v <= version; v++) db.version(v).stores(SHIPPED[v]!);
  return db;
}

let h: Harness;
afterEach(() => h?.close());

describe('a store written under an older schema', () => {
  it('is one SHIPPED lists: a new version in schema.ts needs its fixture here', async () => {
    const db = openMailDB('latest', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(LATEST);
    // The same tables and indexes, declared the same way.
    const shipped = openShipped(LATEST, 'shipped', new IDBFactory());
    await shipped.open();
    const shape = (d: Dexie) =>
      d.tables.map((t) => [t.name, t.schema.primKey.src, t.schema.indexes.map((i) => i.src).sort()]).sort();
    expect(shape(db)).toEqual(shape(shipped));
    db.close();
    shipped.close();
  });

  for (let version = 1; version < LATEST; version++) {
    it(`opens from schema ${version} with its outbox intact, and replays it`, async () => {
      // A synced store with the user's offline intents waiting, as today's code writes them.
      h = await Harness.open(12);
      await h.engine().runPass('startup');
      const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
      const [first, second, third] = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
      await recordAction(h.db, { kind: 'set-read', ids: [first!.id], isRead: !first!.isRead });
      await recordAction(h.db, { kind: 'set-flag', ids: [second!.id], flag: 1 });
      await recordAction(h.db, { kind: 'create-folder', parentId: '', name: 'Kept', tempId: 'local:folder:kept' });
      await recordAction(h.db, { kind: 'move', ids: [third!.id], toFolderId: 'local:folder:kept' });
      await recordAction(h.db, {
        kind: 'send',
        draft: { to: [{ name: 'Ada', email: ADA }], cc: [], bcc: [], subject: 'Written offline', text: 'Hello' },
      });

      // The same rows, in a store of the old schema on another device's IndexedDB.
      const indexedDB = new IDBFactory();
      const old = openShipped(version, 'tern', indexedDB);
      for (const table of old.tables) await table.bulkPut(await h.db.table(table.name).toArray());
      const outbox = await old.table('outbox').toArray();
      expect(outbox).toHaveLength(5);
      old.close();

      // Today's build opens it.
      h.db.close();
      const db: MailDB = openMailDB('tern', { indexedDB, IDBKeyRange });
      h.db = db;
      expect(await db.outbox.toArray()).toEqual(outbox);
      expect(await db.files.count()).toBe(0);
      // New intents queue behind the old ones, and an opId stays unique.
      const later = await recordAction(db, { kind: 'set-flag', ids: [first!.id], flag: 2 });
      expect((await db.outbox.where('opId').equals(later).first())!.seq).toBeGreaterThan(
        Math.max(...outbox.map((e) => e.seq as number)),
      );
      await expect(db.outbox.add({ ...outbox[0], seq: undefined })).rejects.toThrow(/Constraint/);

      // And all of it reaches the server, oldest first.
      await h.engine().runPass('outbox');
      expect(await db.outbox.count()).toBe(0);
      const [read] = await h.ews(GetItem, {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:IsRead' }] },
        itemIds: [{ id: first!.id }],
      });
      expect(read?.items?.[0]?.isRead).toBe(!first!.isRead);
      const [mail] = await h.ews(
        FindItem,
        {
          traversal: 'Shallow',
          itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
          parentFolderIds: [{ distinguished: 'inbox' }],
        },
        ADA,
      );
      expect((mail?.rootFolder?.items ?? []).map((i) => i.subject)).toContain('Written offline');
      await h.engine().runPass('poll');
      expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
    });
  }
});
