import type { SyncCursor } from '../db/index.js';

/**
 * A cursor that re-lists from no state, marking what it sees with a fresh generation: newer
 * than any earlier one, so rows marked by an earlier listing count as unseen.
 */
export function restart(cursor: SyncCursor, now: number): SyncCursor {
  const { syncState: _dropped, ...rest } = cursor;
  const mark = Math.max(now, (cursor.sweep ?? 0) + 1, (cursor.lastMark ?? 0) + 1);
  return { ...rest, complete: false, updatedAt: now, sweep: mark, lastMark: mark };
}
