/** Row height in px; fixed, so a row's position is index × height with no measuring. */
export const ROW_HEIGHT = 76;
// Rows kept above and below the visible ones, and the step windows move by: a window is
// re-queried only when scrolling crosses a step, never on every pixel.
const OVERSCAN = 10;
const STEP = 20;

/** The rows [start, end) to render for a viewport. Pure, so its bounds are unit-tested. */
export function listWindow(scrollTop: number, height: number, total: number): { start: number; end: number } {
  // A stale scroll position (the folder just shrank) still shows the last rows, not nothing.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT), Math.max(0, total - 1));
  const visible = Math.ceil(Math.max(0, height) / ROW_HEIGHT) + 1;
  const start = Math.max(0, Math.floor((first - OVERSCAN) / STEP) * STEP);
  const end = Math.min(total, Math.ceil((first + visible + OVERSCAN) / STEP) * STEP);
  return { start: Math.min(start, end), end };
}
