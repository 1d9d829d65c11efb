import type { Db } from './store/database.js';
import { pruneTombstones } from './store/tombstones.js';

/** How long the mailbox remembers deletions, and how it forgets them. */
export interface TombstoneOptions {
  /**
   * Days a tombstone is kept. A client whose sync state is older than what the mailbox still
   * remembers gets ErrorInvalidSyncStateData and syncs the folder again from scratch, as with
   * Exchange, which also keeps deletion history for a bounded time.
   * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/handling-synchronization-related-errors-in-ews-in-exchange
   */
  days: number;
  /** Time between pruning runs after the first, which starts as the mailbox opens (ms). */
  everyMs: number;
  /** Tombstones deleted per transaction: the most a run holds the write lock for at once. */
  batch: number;
}

export const DEFAULT_TOMBSTONES: TombstoneOptions = { days: 30, everyMs: 60 * 60_000, batch: 5000 };

const DAY = 24 * 60 * 60_000;

/** The options with defaults filled in; a clear error for a value that cannot work. */
export function tombstoneOptions(given: Partial<TombstoneOptions> = {}): TombstoneOptions {
  const o = { ...DEFAULT_TOMBSTONES, ...given };
  if (!Number.isFinite(o.days) || o.days < 0) throw new RangeError(`tombstones.days must be 0 or more, not ${o.days}`);
  if (!Number.isSafeInteger(o.everyMs) || o.everyMs < 1)
    throw new RangeError(`tombstones.everyMs must be a whole number of 1 or more, not ${o.everyMs}`);
  if (!Number.isSafeInteger(o.batch) || o.batch < 1)
    throw new RangeError(`tombstones.batch must be a whole number of 1 or more, not ${o.batch}`);
  return o;
}

/**
 * Forgets tombstones older than the retention window: a run deletes them oldest first in
 * batches, one transaction each, and lets the event loop serve requests between batches, so a
 * large backlog (a first run after months) never holds the write lock for long. Runs start as
 * the mailbox opens and then every `everyMs`, on timers that do not keep the process alive.
 */
export class TombstonePruner {
  private readonly timers: { first?: NodeJS.Immediate; every?: NodeJS.Timeout } = {};
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly options: TombstoneOptions,
    private readonly clock: () => number,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  start(): void {
    const tick = () => {
      this.run().catch((e: unknown) => this.log('pruning tombstones failed', e));
    };
    this.timers.first = setImmediate(tick).unref();
    this.timers.every = setInterval(tick, this.options.everyMs).unref();
  }

  /** One run to the end of the backlog (joining the one under way); resolves with how many went. */
  run(): Promise<number> {
    this.running ??= this.prune().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** No more runs; a run under way stops before its next batch (the store is about to close). */
  stop(): void {
    this.stopped = true;
    if (this.timers.first) clearImmediate(this.timers.first);
    clearInterval(this.timers.every);
  }

  private async prune(): Promise<number> {
    const before = this.clock() - this.options.days * DAY;
    const { batch } = this.options;
    let total = 0;
    while (!this.stopped) {
      const n = this.db.write(() => pruneTombstones(this.db, before, batch));
      total += n;
      if (n < batch) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total;
  }
}
