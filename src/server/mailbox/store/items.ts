import type { Db } from './database.js';
import type { ItemRow, ItemValues } from './rows.js';
import { takeArticle, touchContents } from './folders.js';

/** Every column but the large ones; what lists, sync pages and views read. */
const SUMMARY = `id, gen, user_id, folder_id, created_num, content_num, read_num, change_num, article, item_class,
  subject, from_name, from_addr, sender_name, sender_addr, to_json, cc_json, bcc_json, reply_to_json, received,
  sent, created, modified, size, importance, sensitivity, is_read, is_draft, read_receipt, delivery_receipt,
  flag_status, flag_start, flag_due, flag_complete, preview, has_attachments, conversation_id, conversation_topic,
  internet_message_id, in_reply_to, references_, categories, start, end, location, uid, all_day`;

/** The columns a client can change (besides the numbers the store keeps). */
const VALUE_COLUMNS = `item_class, subject, from_name, from_addr, sender_name, sender_addr, to_json, cc_json,
  bcc_json, reply_to_json, received, sent, created, modified, size, importance, sensitivity, is_read, is_draft,
  read_receipt, delivery_receipt, flag_status, flag_start, flag_due, flag_complete, preview, has_attachments,
  conversation_id, conversation_topic, internet_message_id, in_reply_to, references_, categories, start, end,
  location, uid, all_day, body_text, body_html, mime`;
const VALUE_NAMES = new Set(VALUE_COLUMNS.split(',').map((c) => c.trim()));
const INSERT_COLUMNS = `gen, user_id, folder_id, created_num, content_num, read_num, change_num, article, ${VALUE_COLUMNS}`;
const VALUE_LIST = VALUE_COLUMNS.split(',').map((c) => c.trim()) as (keyof ItemValues)[];
// Positional parameters: binding ~55 named ones costs more than the insert itself in a bulk load.
const INSERT = `INSERT INTO items (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;

export interface Placement {
  /** The modification number; one is taken when absent. */
  num?: number;
  /** The article number; the folder's next when absent. */
  article?: number;
  /** Skip the folder's contents stamp (bulk loads stamp once at the end). */
  bulk?: boolean;
}

/** Writes a new item into a folder; returns its row id and modification number. */
export function insertItem(
  db: Db,
  userId: number,
  folderId: number,
  v: ItemValues,
  now: number,
  at: Placement = {},
): { id: number; num: number } {
  const num = at.num ?? db.next();
  const article = at.article ?? takeArticle(db, folderId);
  const params: unknown[] = [0, userId, folderId, num, num, num, num, article];
  for (const c of VALUE_LIST) params.push(v[c]);
  const r = db.prep(INSERT).run(params);
  if (!at.bulk) touchContents(db, folderId, num, now);
  return { id: Number(r.lastInsertRowid), num };
}

export function itemByRow(db: Db, id: number): ItemRow | undefined {
  return db.prep(`SELECT ${SUMMARY} FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
}

/** Items by row id, in no particular order (one statement for a whole page). */
export function itemsByRows(db: Db, ids: readonly number[]): ItemRow[] {
  if (!ids.length) return [];
  return db
    .prep(`SELECT ${SUMMARY} FROM items WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as ItemRow[];
}

export function itemBodies(db: Db, id: number): { body_text: string; body_html: string | null } | undefined {
  return db.prep('SELECT body_text, body_html FROM items WHERE id = ?').get(id) as
    { body_text: string; body_html: string | null } | undefined;
}

/** MIME sources by row id. */
export function itemMimes(db: Db, ids: readonly number[]): Map<number, Buffer> {
  const rows = db
    .prep('SELECT id, mime FROM items WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: number; mime: Buffer }[];
  return new Map(rows.map((r) => [r.id, r.mime]));
}

/**
 * Changes columns of an item. A change of the read flag alone moves only `read_num`, so sync can
 * answer it with a ReadFlagChange instead of an Update.
 */
export function updateItem(db: Db, row: ItemRow, set: Partial<ItemValues>, now: number): number {
  const columns = Object.keys(set).filter((c) => (set as Record<string, unknown>)[c] !== undefined);
  for (const c of columns) if (!VALUE_NAMES.has(c)) throw new Error(`items has no writable column ${c}`);
  const num = db.next();
  const readOnly = columns.every((c) => c === 'is_read');
  const nums = readOnly ? 'read_num = @num' : 'content_num = @num, read_num = @num';
  const assignments = columns.map((c) => `${c} = @${c}`).join(', ');
  db.prep(
    `UPDATE items SET ${assignments}${columns.length ? ', ' : ''}${nums}, change_num = @num, modified = @now
    WHERE id = @id`,
  ).run({ ...set, id: row.id, num, now });
  touchContents(db, row.folder_id, num, now);
  return num;
}

function bury(db: Db, row: ItemRow, num: number, now: number): void {
  db.prep(
    'INSERT INTO tombstones (num, folder_id, item_id, gen, created_num, item_class, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(num, row.folder_id, row.id, row.gen, row.created_num, row.item_class, now);
}

/** Moves an item: a tombstone in the source, a new generation (new id) in the target. */
export function moveItem(db: Db, row: ItemRow, folderId: number, now: number): { gen: number; num: number } {
  const num = db.next();
  bury(db, row, num, now);
  const article = takeArticle(db, folderId);
  db.prep(
    `UPDATE items SET folder_id = ?, gen = gen + 1, created_num = ?, content_num = ?, read_num = ?, change_num = ?,
       article = ?, modified = ? WHERE id = ?`,
  ).run(folderId, num, num, num, num, article, now, row.id);
  touchContents(db, row.folder_id, num, now);
  touchContents(db, folderId, num, now);
  return { gen: row.gen + 1, num };
}

/** Copies an item with its attachments and extended properties; returns the new row id. */
export function copyItem(db: Db, row: ItemRow, folderId: number, now: number): number {
  const num = db.next();
  const article = takeArticle(db, folderId);
  const r = db
    .prep(
      `INSERT INTO items (${INSERT_COLUMNS})
       SELECT 0, user_id, @folder, @num, @num, @num, @num, @article, ${VALUE_COLUMNS.replace(/\bcreated\b/, '@now').replace(/\bmodified\b/, '@now')}
       FROM items WHERE id = @id`,
    )
    .run({ folder: folderId, num, article, now, id: row.id });
  const id = Number(r.lastInsertRowid);
  db.prep(
    `INSERT INTO attachments (item_id, name, content_type, content_id, content_location, is_inline, size, modified,
       content)
     SELECT ?, name, content_type, content_id, content_location, is_inline, size, modified, content
     FROM attachments WHERE item_id = ? ORDER BY id`,
  ).run(id, row.id);
  db.prep(
    'INSERT INTO item_props (item_id, key, field, value, multi) SELECT ?, key, field, value, multi FROM item_props WHERE item_id = ?',
  ).run(id, row.id);
  touchContents(db, folderId, num, now);
  return id;
}

/** Deletes an item for good, leaving a tombstone for sync. */
export function deleteItem(db: Db, row: ItemRow, now: number): number {
  const num = db.next();
  bury(db, row, num, now);
  db.prep('DELETE FROM items WHERE id = ?').run(row.id);
  db.prep('DELETE FROM attachments WHERE item_id = ?').run(row.id);
  db.prep('DELETE FROM item_props WHERE item_id = ?').run(row.id);
  touchContents(db, row.folder_id, num, now);
  return num;
}

/** Up to `limit` items of a folder (bulk operations work through a folder in bounded steps). */
export function itemsInFolder(db: Db, folderId: number, limit: number): ItemRow[] {
  return db.prep(`SELECT ${SUMMARY} FROM items WHERE folder_id = ? LIMIT ?`).all(folderId, limit) as ItemRow[];
}

/** Up to `limit` items of a folder whose read flag differs from `isRead`. */
export function itemsToMark(db: Db, folderId: number, isRead: boolean, limit: number): ItemRow[] {
  return db
    .prep(`SELECT ${SUMMARY} FROM items WHERE folder_id = ? AND is_read = ? LIMIT ?`)
    .all(folderId, isRead ? 0 : 1, limit) as ItemRow[];
}

export const ITEM_SUMMARY_COLUMNS = SUMMARY;

/**
 * Removes up to `limit` items of a deleted folder for good; returns how many went. No tombstones:
 * the folder itself is gone, so its sync answers ErrorSyncFolderNotFound.
 */
export function purgeFolderItems(db: Db, folderId: number, limit: number): number {
  const ids = db.prep('SELECT id FROM items WHERE folder_id = ? LIMIT ?').all(folderId, limit) as { id: number }[];
  if (!ids.length) return 0;
  const list = JSON.stringify(ids.map((r) => r.id));
  db.prep('DELETE FROM attachments WHERE item_id IN (SELECT value FROM json_each(?))').run(list);
  db.prep('DELETE FROM item_props WHERE item_id IN (SELECT value FROM json_each(?))').run(list);
  db.prep('DELETE FROM items WHERE id IN (SELECT value FROM json_each(?))').run(list);
  return ids.length;
}

/** Up to `limit` items of a folder with a row id above `afterId`, by row id (resumable walks). */
export function itemsInFolderAfter(db: Db, folderId: number, afterId: number, limit: number): ItemRow[] {
  return db
    .prep(`SELECT ${SUMMARY} FROM items WHERE folder_id = ? AND id > ? ORDER BY id LIMIT ?`)
    .all(folderId, afterId, limit) as ItemRow[];
}
