/**
 * Time, passed in so tests can move it. `setTimer` is optional: the service worker and pages
 * use it to retry after a back-off; tests leave it out and call `runPass` themselves.
 */
export interface Clock {
  now(): number;
  setTimer?(fn: () => void, ms: number): () => void;
  /** Waits `ms`; without it, a back-off always ends the pass instead of being waited out. */
  sleep?(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when told to, or by sleeping (which returns at once): tests. */
export function manualClock(start = Date.UTC(2026, 0, 1)): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => void (t += ms),
    sleep: async (ms) => void (t += ms),
  };
}
