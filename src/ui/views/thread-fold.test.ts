import { describe, expect, it } from 'vitest';
import { FOLD_ABOVE, foldThread } from './thread-fold.js';

const shown = (count: number, current: number) =>
  foldThread(count, current, false).map((s) => ('index' in s ? s.index : `+${s.count}`));

describe('foldThread', () => {
  it('shows a short conversation, or an expanded one, whole', () => {
    expect(shown(FOLD_ABOVE, 3)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(foldThread(20, 5, true)).toHaveLength(20);
  });

  it('folds a long one between the first, the open one and the newest four, never hiding one row alone', () => {
    expect(shown(20, 19)).toEqual([0, '+15', 16, 17, 18, 19]);
    expect(shown(20, 8)).toEqual([0, '+7', 8, '+7', 16, 17, 18, 19]);
    expect(shown(20, 2)).toEqual([0, 1, 2, '+13', 16, 17, 18, 19]);
    expect(shown(20, 14)).toEqual([0, '+13', 14, 15, 16, 17, 18, 19]);
    expect(shown(8, 0)).toEqual([0, '+3', 4, 5, 6, 7]);
    // The open message not found (beyond the newest kept): the fold is the same.
    expect(shown(9, -1)).toEqual([0, '+4', 5, 6, 7, 8]);
  });

  it('accounts for every row once', () => {
    for (let count = 0; count < 30; count++)
      for (let current = -1; current < count; current++) {
        const slots = foldThread(count, current, false);
        const covered = slots.flatMap((s) =>
          'index' in s ? [s.index] : Array.from({ length: s.count }, (_, k) => s.from + k),
        );
        expect(covered).toEqual(Array.from({ length: count }, (_, i) => i));
      }
  });
});
