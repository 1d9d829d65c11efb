import { describe, expect, it } from 'vitest';
import { listWindow, ROW_HEIGHT } from './list-window.js';

describe('listWindow', () => {
  it('covers the viewport with some rows around it', () => {
    const { start, end } = listWindow(50 * ROW_HEIGHT, 10 * ROW_HEIGHT, 100_000);
    expect(start).toBeLessThanOrEqual(50);
    expect(end).toBeGreaterThanOrEqual(61);
  });

  it('keeps under 100 rows for a tall screen anywhere in a 100,000-message folder', () => {
    for (const top of [0, 1234, 999_999, 50_000 * ROW_HEIGHT, 99_990 * ROW_HEIGHT]) {
      const { start, end } = listWindow(top, 1600, 100_000);
      expect(end - start).toBeLessThanOrEqual(100);
      expect(end).toBeLessThanOrEqual(100_000);
    }
  });

  it('moves in steps, so small scrolls reuse the same window', () => {
    expect(listWindow(100 * ROW_HEIGHT, 800, 1000)).toEqual(listWindow(100 * ROW_HEIGHT + 30, 800, 1000));
  });

  it('is empty for an empty folder and clamps past the end', () => {
    expect(listWindow(0, 800, 0)).toEqual({ start: 0, end: 0 });
    const { start, end } = listWindow(5000 * ROW_HEIGHT, 800, 30);
    expect(end).toBe(30);
    expect(start).toBeLessThan(30);
  });
});
