import type { Db } from './database.js';
import type { ItemRow } from './rows.js';
import { ITEM_SUMMARY_COLUMNS } from './items.js';
import type { Compiled } from './query.js';

export interface ItemSearch {
  folderIds: number[];
  where?: Compiled;
  order?: Compiled;
  /** Calendar view: items overlapping [start, end). */
  window?: { start: number; end: number };
  offset: number;
  limit: number;
}

function clause(s: ItemSearch): Compiled {
  const parts = ['folder_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(s.folderIds)];
  if (s.window) {
    parts.push('start < ? AND end > ?');
    params.push(s.window.end, s.window.start);
  }
  if (s.where) {
    parts.push(s.where.sql);
    params.push(...s.where.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** How many items match (RootFolder TotalItemsInView). */
export function countItems(db: Db, s: ItemSearch): number {
  const w = clause(s);
  return (db.prep(`SELECT count(*) AS n FROM items WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** One page of matching items in the requested order; ties broken by newest first, then id. */
export function findItems(db: Db, s: ItemSearch): ItemRow[] {
  const w = clause(s);
  const order = [s.order?.sql, s.window ? 'start ASC' : 'received DESC', 'id DESC'].filter(Boolean).join(', ');
  return db
    .prep(`SELECT ${ITEM_SUMMARY_COLUMNS} FROM items WHERE ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...w.params, ...(s.order?.params ?? []), s.limit, s.offset) as ItemRow[];
}

/** The ids among `folderIds` that match a folder restriction. */
export function matchFolders(db: Db, folderIds: readonly number[], where: Compiled): Set<number> {
  const rows = db
    .prep(`SELECT id FROM folders WHERE id IN (SELECT value FROM json_each(?)) AND ${where.sql}`)
    .all(JSON.stringify(folderIds), ...where.params) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
