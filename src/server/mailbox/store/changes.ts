import type { Db } from './database.js';
import type { TombstoneRow } from './rows.js';

/** What a sync page needs to know about an item to report it. */
export interface SyncRow {
  id: number;
  gen: number;
  item_class: string;
  created_num: number;
  content_num: number;
  read_num: number;
  change_num: number;
  is_read: number;
  received: number;
}

const COLS = 'id, gen, item_class, created_num, content_num, read_num, change_num, is_read, received';

/**
 * One page of the snapshot an initial sync walks: the items that were in the folder at the
 * high-water mark `hwm`, newest first, after the cursor (received, id).
 */
export function snapshotPage(
  db: Db,
  folderId: number,
  hwm: number,
  after: { received: number; id: number } | undefined,
  limit: number,
): SyncRow[] {
  if (!after)
    return db
      .prep(
        `SELECT ${COLS} FROM items WHERE folder_id = ? AND created_num <= ?
         ORDER BY received DESC, id DESC LIMIT ?`,
      )
      .all(folderId, hwm, limit) as SyncRow[];
  return db
    .prep(
      `SELECT ${COLS} FROM items WHERE folder_id = ? AND (received, id) < (?, ?) AND created_num <= ?
       ORDER BY received DESC, id DESC LIMIT ?`,
    )
    .all(folderId, after.received, after.id, hwm, limit) as SyncRow[];
}

/** Items of the folder changed after `pos`, oldest change first. */
export function changedSince(db: Db, folderId: number, pos: number, limit: number): SyncRow[] {
  return db
    .prep(`SELECT ${COLS} FROM items WHERE folder_id = ? AND change_num > ? ORDER BY change_num LIMIT ?`)
    .all(folderId, pos, limit) as SyncRow[];
}

/**
 * Items that left the folder after `pos` and had been in it at `pos` (an item created and deleted
 * inside the window is nothing to the client).
 */
export function removedSince(db: Db, folderId: number, pos: number, limit: number): TombstoneRow[] {
  return db
    .prep(`SELECT * FROM tombstones WHERE folder_id = ? AND num > ? AND created_num <= ? ORDER BY num LIMIT ?`)
    .all(folderId, pos, pos, limit) as TombstoneRow[];
}
