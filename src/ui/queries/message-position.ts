import Dexie from 'dexie';
import type { MailDB, MessageRow } from '../../db/index.js';

/**
 * Where a message sits in its folder's list (0 = newest), exactly as `messageWindow` reads it:
 * newer messages first, and among messages received in the same millisecond, the higher id first
 * (a reverse walk of `[folderId+receivedAt]` visits equal keys by primary key, descending).
 */
export async function positionOf(db: MailDB, message: Pick<MessageRow, 'id' | 'folderId' | 'receivedAt'>) {
  const { folderId, receivedAt, id } = message;
  const newer = await db.messages
    .where('[folderId+receivedAt]')
    .between([folderId, receivedAt], [folderId, Dexie.maxKey], false, true)
    .count();
  const ties = await db.messages.where('[folderId+receivedAt]').equals([folderId, receivedAt]).primaryKeys();
  return newer + ties.filter((other) => other > id).length;
}
