/** What the page was waiting on, as wall time (ms). */
export interface BusyTimes {
  /** At least one request in flight (the transport's promise pending). */
  network: number;
  /** At least one readwrite transaction open, from its creation to its commit. */
  write: number;
  /** At least one readonly transaction open. */
  read: number;
  /** Requests in flight while a write was open: how much the two overlap. */
  networkDuringWrite: number;
  /** Neither a request nor a transaction: the page's own work (decoding, mapping) and scheduling. */
  neither: number;
}

type Kind = 'network' | 'write' | 'read';

/**
 * Counts activities as they start and end and adds the time between events to every kind with one
 * running: the union of their intervals, so four requests in flight for a second count one second.
 */
export function busyClock(now: () => number = () => performance.now()) {
  const running: Record<Kind, number> = { network: 0, write: 0, read: 0 };
  const times: BusyTimes = { network: 0, write: 0, read: 0, networkDuringWrite: 0, neither: 0 };
  let last = now();
  const advance = () => {
    const t = now();
    const dt = t - last;
    last = t;
    for (const k of Object.keys(running) as Kind[]) if (running[k]) times[k] += dt;
    if (running.network && running.write) times.networkDuringWrite += dt;
    if (!running.network && !running.write && !running.read) times.neither += dt;
  };
  return {
    /** Marks the start of one activity; call the result once when it ends. */
    start(kind: Kind): () => void {
      advance();
      running[kind]++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        advance();
        running[kind]--;
      };
    },
    /** The times so far, counted from `reset` (or creation). */
    read(): BusyTimes {
      advance();
      return { ...times };
    },
    reset() {
      advance();
      for (const k of Object.keys(times) as (keyof BusyTimes)[]) times[k] = 0;
    },
  };
}

export type BusyClock = ReturnType<typeof busyClock>;
