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

/** The requested order; ties broken by newest first (calendar: earliest start), then id. */
const orderOf = (s: ItemSearch) =>
  [s.order?.sql, s.window ? 'start ASC' : 'received DESC', 'id DESC'].filter(Boolean).join(', ');

/** How many items match (RootFolder TotalItemsInView). */
export function countItems(db: Db, s: ItemSearch): number {
  const w = clause(s);
  return (db.prep(`SELECT count(*) AS n FROM items WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** One page of matching items in the requested order, as `columns`. */
function pageOf<T>(db: Db, s: ItemSearch, columns: string): T[] {
  const w = clause(s);
  return db
    .prep(`SELECT ${columns} FROM items WHERE ${w.sql} ORDER BY ${orderOf(s)} LIMIT ? OFFSET ?`)
    .all(...w.params, ...(s.order?.params ?? []), s.limit, s.offset) as T[];
}

/** One page of matching items in the requested order; ties broken by newest first, then id. */
export function findItems(db: Db, s: ItemSearch): ItemRow[] {
  return pageOf<ItemRow>(db, s, ITEM_SUMMARY_COLUMNS);
}

/**
 * One page and how many match in all, reading each candidate once: with a restriction every row
 * of the folder is tested anyway (a text search calls into JavaScript for each), so the count
 * comes with the page rather than from a second pass. Without one, the count and a page cut
 * from the folder's index are cheaper apart.
 */
export function findCounted(db: Db, s: ItemSearch): { rows: ItemRow[]; total: number } {
  if (!s.where) return { rows: findItems(db, s), total: countItems(db, s) };
  const found = pageOf<ItemRow & { tern_total: number }>(
    db,
    s,
    `${ITEM_SUMMARY_COLUMNS}, count(*) OVER () AS tern_total`,
  );
  // A page past the end has no row to carry the count.
  if (found.length === 0) return { rows: [], total: s.offset > 0 ? countItems(db, s) : 0 };
  const total = found[0]!.tern_total;
  return { rows: found.map(({ tern_total: _, ...row }) => row), total };
}

/** The ids among `folderIds` that match a folder restriction. */
export function matchFolders(db: Db, folderIds: readonly number[], where: Compiled): Set<number> {
  const rows = db
    .prep(`SELECT id FROM folders WHERE id IN (SELECT value FROM json_each(?)) AND ${where.sql}`)
    .all(JSON.stringify(folderIds), ...where.params) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
