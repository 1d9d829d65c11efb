import Dexie from 'dexie';
import { messagePage, type MailDB, type MessageRow } from '../../db/index.js';
import { ANCHOR_EVERY, type FolderAnchors } from './folder-anchors.js';

/**
 * One window of a folder's list, newest first: `messagePage` (offset on `[folderId+receivedAt]`)
 * near the top, and from the nearest anchor below it, so no window walks more than ANCHOR_EVERY
 * rows. Everything goes through Dexie, so a live query over it re-runs when the folder changes.
 * Anchors from an older total are still used until new ones are built: a window is then off by
 * the few rows that arrived or left, for a moment, rather than slow.
 */
export async function messageWindow(
  db: MailDB,
  folderId: string,
  offset: number,
  limit: number,
  anchors: FolderAnchors | undefined,
): Promise<MessageRow[]> {
  const a = anchors ? Math.min(Math.floor(offset / ANCHOR_EVERY), anchors.anchors.length - 1) : -1;
  if (a < 1) return messagePage(db, folderId, offset, limit);
  const anchor = anchors!.anchors[a]!;
  return (
    db.messages
      .where('[folderId+receivedAt]')
      .between([folderId, Dexie.minKey], [folderId, anchor.receivedAt], true, true)
      .reverse()
      // Rows sharing the anchor's time but with a higher id come before it in this order.
      .filter((m) => m.receivedAt !== anchor.receivedAt || m.id <= anchor.id)
      .offset(offset - a * ANCHOR_EVERY)
      .limit(limit)
      .toArray()
  );
}
