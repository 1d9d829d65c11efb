import Dexie from 'dexie';
import type { MailDB } from './schema.js';

/**
 * Removes folders with everything under them: subfolders, their messages, bodies and sync
 * cursors. Call inside a rw transaction over folders, messages, bodies and cursors. Returns the
 * ids removed.
 */
export async function removeFolders(db: MailDB, ids: string[]): Promise<string[]> {
  const removed: string[] = [];
  const queue = [...ids];
  while (queue.length) {
    const id = queue.shift()!;
    if (removed.includes(id)) continue;
    removed.push(id);
    queue.push(...(await db.folders.where('parentId').equals(id).primaryKeys()));
    const messageIds = await db.messages
      .where('[folderId+receivedAt]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .primaryKeys();
    await db.messages.bulkDelete(messageIds);
    await db.bodies.bulkDelete(messageIds);
    await db.cursors.delete(id);
    await db.folders.delete(id);
  }
  return removed;
}

/** True when `folderId` is `ancestorId` or lies somewhere below it. */
export async function isWithin(db: MailDB, folderId: string, ancestorId: string): Promise<boolean> {
  const seen = new Set<string>();
  let id: string | undefined = folderId;
  while (id !== undefined && !seen.has(id)) {
    if (id === ancestorId) return true;
    seen.add(id);
    id = (await db.folders.get(id))?.parentId;
  }
  return false;
}
