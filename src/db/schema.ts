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
   * Called when a newer schema (another tab, a new worker) asks this connection to go away. The
   * connection is already closed: later reads fail with DatabaseClosedError instead of hanging,
   * and the page should offer a reload.
   */
  onVersionChange?: () => void;
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
  // An older connection must not block a newer schema (the upgrade would wait forever): close
  // now, for good, and tell the owner. Returning false skips Dexie's default handler, which
  // leaves auto-open on, so the next query would try to reopen with the old schema.
  db.on('versionchange', () => {
    db.close();
    onVersionChange?.();
    return false;
  });
  return db;
}
