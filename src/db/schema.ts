import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { BodyRow, FolderRow, MessageRow, MetaRow, OutboxEntry, SyncCursor } from './entities.js';

export type MailDB = Dexie & {
  folders: EntityTable<FolderRow, 'id'>;
  messages: EntityTable<MessageRow, 'id'>;
  bodies: EntityTable<BodyRow, 'id'>;
  cursors: EntityTable<SyncCursor, 'key'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export const DB_NAME = 'tern';

/**
 * The only place schema versions are declared. Versions are only ever added, never edited once
 * shipped; a migration never drops or rewrites the outbox.
 */
export function openMailDB(name: string = DB_NAME, options?: DexieOptions): MailDB {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...options }) as MailDB;
  db.version(1).stores({
    folders: 'id, parentId, distinguished',
    messages: 'id, [folderId+receivedAt], [folderId+isRead], conversationId, *terms',
    bodies: 'id, fetchedAt',
    cursors: 'key',
    outbox: '++seq, &opId, state',
    meta: 'key',
  });
  // An older tab must not block a newer schema: close, and let the page offer a reload.
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  return db;
}
