import type { Db } from './database.js';

// The same `limit` oldest tombstones, by the (at) index (ties in order of number): both
// statements of a batch run in one transaction, so they see the same rows.
export const OLDEST = 'SELECT num, folder_id FROM tombstones WHERE at < ? ORDER BY at, num LIMIT ?';

/**
 * Deletes up to `limit` tombstones made before `before` (ms), oldest first, and raises each
 * affected folder's horizon to the highest number it lost. Run it inside `db.write`; returns how
 * many went, so a caller that gets `limit` back knows there may be more.
 */
export function pruneTombstones(db: Db, before: number, limit: number): number {
  db.prep(
    `INSERT INTO tombstone_horizons (folder_id, num)
     SELECT folder_id, max(num) FROM (${OLDEST}) WHERE true GROUP BY folder_id
     ON CONFLICT (folder_id) DO UPDATE SET num = max(num, excluded.num)`,
  ).run(before, limit);
  return db.prep(`DELETE FROM tombstones WHERE num IN (SELECT num FROM (${OLDEST}))`).run(before, limit).changes;
}

/**
 * The highest tombstone number pruned from a folder (0 when none was). A sync position below it
 * may have missed a deletion the mailbox no longer remembers; at or above it, nothing is missing.
 */
export function tombstoneHorizon(db: Db, folderId: number): number {
  const row = db.prep('SELECT num FROM tombstone_horizons WHERE folder_id = ?').get(folderId) as
    { num: number } | undefined;
  return row?.num ?? 0;
}
