/** A conversation longer than this shows its first message, the open one and its newest, folded between. */
export const FOLD_ABOVE = 7;
const NEWEST_SHOWN = 4;

/** A row to show (its index in the conversation), or a fold hiding `count` rows from `from` on. */
export type ThreadSlot = { index: number } | { from: number; count: number };

/**
 * Which rows of a conversation of `count` show, as Gmail folds a long thread: all of them when
 * `expanded` or short, else the first, the open one (`current`) and the newest few, with a fold
 * for each run of others. A fold never hides a single row: it would take that row's place.
 */
export function foldThread(count: number, current: number, expanded: boolean): ThreadSlot[] {
  const all = Array.from({ length: count }, (_, index) => ({ index }));
  if (expanded || count <= FOLD_ABOVE) return all;
  const kept = (i: number) => i === 0 || i === current || i >= count - NEWEST_SHOWN;
  const slots: ThreadSlot[] = [];
  for (let i = 0; i < count;) {
    let end = i;
    while (end < count && !kept(end)) end++;
    if (end - i > 1) slots.push({ from: i, count: end - i });
    else if (end > i) slots.push({ index: i });
    if (end < count) slots.push({ index: end });
    i = end + 1;
  }
  return slots;
}
