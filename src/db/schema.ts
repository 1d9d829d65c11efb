import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { BodyRow, FileRow, FolderRow, MessageRow, MetaRow, OutboxEntry, SyncCursor } from './entities.js';

export type MailDB = Dexie & {
  folders: EntityTable<FolderRow, 'id'>;
  messages: EntityTable<MessageRow, 'id'>;
  bodies: EntityTable<BodyRow, 'id'>;
  cursors: EntityTable<SyncCursor, 'key'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
  files: EntityTable<FileRow, 'id'>;
};

export const DB_NAME = 'tern';

export interface MailDBOptions extends DexieOptions {
  /**
   * Called when this connection is closed for good: a newer schema (another tab, a new worker)
   * or a deletion asked it to go, or the browser closed it (its storage was cleared or evicted).
   * Later reads fail with DatabaseClosedError instead of hanging, and the page should reload.
   * `upgraded`: a newer schema asked, rather than the store going away.
   */
  onVersionChange?: (upgraded: boolean) => void;
}

/**
 * The only place schema versions are declared. Versions are only ever added, never edited once
 * shipped; a migration never drops or rewrites the outbox.
 *
 * Durability: Dexie 4 passes `chromeTransactionDurability` as `{ durability }` to every
 * `IDBDatabase.transaction()` of the connection (dexie.mjs, Transaction.create) and leaves it
 * undefined by default, which is the browser's default durability. Outbox entries and sync
 * states share transactions with the rows they describe, so the whole database is `strict`:
 * a commit is reported only once it is on disk.
 * @see https://github.com/dexie/Dexie.js/pull/1367
 */
export function openMailDB(name: string = DB_NAME, options: MailDBOptions = {}): MailDB {
  const { onVersionChange, ...dexieOptions } = options;
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...dexieOptions }) as MailDB;
  db.version(1).stores({
    folders: 'id, parentId, distinguished',
    messages: 'id, [folderId+receivedAt], [folderId+isRead], conversationId, *terms, receivedAt',
    bodies: 'id, fetchedAt',
    cursors: 'key',
    outbox: '++seq, &opId, state',
    meta: 'key',
  });
  // Attached files' bytes, apart from the rows the lists and the outbox read often.
  db.version(2).stores({ files: 'id' });
  // Categories by name, so that the category picker lists every one in use without reading each row.
  db.version(3).stores({
    messages: 'id, [folderId+receivedAt], [folderId+isRead], conversationId, *terms, receivedAt, *categories',
  });
  // An older connection must not block a newer schema (the upgrade would wait forever): close
  // now, for good, and tell the owner. Returning false skips Dexie's default handler, which
  // leaves auto-open on, so the next query would try to reopen with the old schema.
  const closeForGood = (upgraded: boolean) => {
    db.close();
    onVersionChange?.(upgraded);
  };
  // (A deletion is a versionchange to no version.)
  db.on('versionchange', (e: IDBVersionChangeEvent) => {
    closeForGood(!!e.newVersion);
    return false;
  });
  // The browser closed the connection itself (storage cleared or evicted: the only `close` event
  // IndexedDB fires). Dexie would reopen on the next query, making an empty database into which a
  // pass in flight would write its tail (a folder's sync state without the mail before it).
  // Closed for good instead: this handler replaces Dexie's, set as each connection opens. Dexie's
  // other closes (for the back/forward cache, or to retry a transaction) reopen as before.
  db.on('ready', () => void (db.backendDB().onclose = () => closeForGood(false)), true);
  return db;
}
