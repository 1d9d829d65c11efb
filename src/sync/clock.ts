/**
 * Time, passed in so tests can move it. `setTimer` is optional: the service worker and pages
 * use it to retry after a back-off; tests leave it out and call `runPass` themselves.
 */
export interface Clock {
  now(): number;
  setTimer?(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** A clock that only moves when told to (tests and benchmarks). */
export function manualClock(start = Date.UTC(2026, 0, 1)): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
