import type { Db } from './database.js';
import type { PropRow } from './rows.js';

/** Sets (replaces) one generic extended property. */
export function setProp(db: Db, itemId: number, key: string, field: string, value: string | string[]): void {
  const multi = Array.isArray(value);
  db.prep(
    `INSERT INTO item_props (item_id, key, field, value, multi) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (item_id, key) DO UPDATE SET field = excluded.field, value = excluded.value, multi = excluded.multi`,
  ).run(itemId, key, field, multi ? JSON.stringify(value) : value, multi ? 1 : 0);
}

export function deleteProp(db: Db, itemId: number, key: string): void {
  db.prep('DELETE FROM item_props WHERE item_id = ? AND key = ?').run(itemId, key);
}

/** Generic properties of a page of items, one statement. */
export function propsOf(db: Db, itemIds: readonly number[]): PropRow[] {
  if (!itemIds.length) return [];
  return db
    .prep('SELECT * FROM item_props WHERE item_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(itemIds)) as PropRow[];
}
