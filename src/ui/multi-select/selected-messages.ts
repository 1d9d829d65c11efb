import Dexie from 'dexie';
import type { MailDB, MessageRow } from '../../db/index.js';
import type { FolderAnchors } from '../queries/folder-anchors.js';
import { positionOf } from '../queries/message-position.js';
import { messageWindow } from '../queries/message-window.js';
import type { Selection } from './selection-model.js';

/**
 * The ids from the anchor message to the row at `index`, both included, read by position from the
 * store: the rows between may never have been rendered. The anchor's position is read now, not
 * remembered, so mail that arrived since the anchor was clicked does not shift the range.
 */
export async function rangeIds(
  db: MailDB,
  folderId: string,
  anchorId: string | undefined,
  index: number,
  anchors: FolderAnchors | undefined,
): Promise<string[]> {
  const anchor = anchorId === undefined ? undefined : await db.messages.get(anchorId);
  const from = anchor?.folderId === folderId ? await positionOf(db, anchor) : index;
  const start = Math.min(from, index);
  const rows = await messageWindow(db, folderId, start, Math.abs(index - from) + 1, anchors);
  return rows.map((m) => m.id);
}

/** The selection's ids that are still in its folder (the others were moved or deleted since). */
async function stillHere(db: MailDB, selection: Selection): Promise<MessageRow[]> {
  const rows = await db.messages.bulkGet([...selection.ids]);
  return rows.filter((m): m is MessageRow => m?.folderId === selection.folderId);
}

/** How many messages the selection holds now; "all" counts from the folder's stored total. */
export async function countSelected(db: MailDB, selection: Selection): Promise<number> {
  const here = (await stillHere(db, selection)).length;
  if (!selection.all) return here;
  const total = (await db.folders.get(selection.folderId))?.total ?? 0;
  return Math.max(0, total - here);
}

/**
 * The selected messages, newest first, for an action. "All" is a query over the folder's index,
 * not the rendered rows, so it covers every message of a 100,000-message folder.
 */
export async function selectedMessages(db: MailDB, selection: Selection): Promise<MessageRow[]> {
  if (!selection.all) return (await stillHere(db, selection)).sort((a, b) => b.receivedAt - a.receivedAt);
  const { folderId, ids } = selection;
  return db.messages
    .where('[folderId+receivedAt]')
    .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
    .reverse()
    .filter((m) => !ids.has(m.id))
    .toArray();
}
