import { describe, expect, it } from 'vitest';
import { restart } from './relist.js';

describe('restart', () => {
  it('drops the sync state and marks with a generation newer than any before, even at the same instant', () => {
    const first = restart({ key: 'f', syncState: 's1', complete: true, updatedAt: 0, lastVerified: 5 }, 1000);
    expect(first).toEqual({ key: 'f', complete: false, updatedAt: 1000, lastVerified: 5, sweep: 1000, lastMark: 1000 });
    const { sweep: _done, ...finished } = { ...first, syncState: 's2', complete: true };
    expect(restart(finished, 1000).sweep).toBe(1001);
    expect(restart(first, 1000).sweep).toBe(1001);
    expect(restart(finished, 9000).sweep).toBe(9000);
  });
});
