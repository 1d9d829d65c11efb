import type { MailDB, Throttle } from '../db/index.js';
import { readThrottle } from './backoff.js';
import type { Clock } from './clock.js';
import { StoppedError, ThrottledError } from './errors.js';
import { Semaphore } from './semaphore.js';
import type { SyncSettings } from './settings.js';

export type RequestKind = 'sync' | 'other';

// How long a read of the shared back-off stands. Reading it before every request cost a
// database read each, and IndexedDB serves reads behind the write of a whole page (hundreds of
// ms), so requests waited on writes. Busy answers seen here are known at once (`forget`).
export const THROTTLE_FRESH_MS = 500;

/**
 * Every request passes here. It waits for a slot (at most `maxRequests` in flight, of which at
 * most `maxSyncCalls` sync calls), then, right before sending, refuses if traffic is stopped or
 * the shared back-off has not passed. The back-off is shared through the database, so a "busy"
 * seen by another tab or the worker stops this context too, within `THROTTLE_FRESH_MS`.
 */
export class Gate {
  private readonly all: Semaphore;
  private readonly sync: Semaphore;
  private known?: { throttle: Throttle | undefined; readAt: number };

  constructor(
    private readonly db: MailDB,
    private readonly clock: Clock,
    settings: Pick<SyncSettings, 'maxRequests' | 'maxSyncCalls'>,
    private readonly stopped: () => StoppedError | undefined,
  ) {
    this.all = new Semaphore(settings.maxRequests);
    this.sync = new Semaphore(settings.maxSyncCalls);
  }

  async run<T>(kind: RequestKind, send: () => Promise<T>): Promise<T> {
    const releaseSync = kind === 'sync' ? await this.sync.acquire() : undefined;
    const release = await this.all.acquire();
    try {
      await this.check();
      return await send();
    } finally {
      release();
      releaseSync?.();
    }
  }

  /** Throws when no request may go out now; `fresh` reads the shared back-off whatever its age. */
  async check(fresh = false): Promise<void> {
    const stop = this.stopped();
    if (stop) throw stop;
    const now = this.clock.now();
    if (fresh || !this.known || now - this.known.readAt >= THROTTLE_FRESH_MS || now < this.known.readAt)
      this.known = { throttle: await readThrottle(this.db), readAt: now };
    const { throttle } = this.known;
    if (throttle && throttle.until > this.clock.now()) throw new ThrottledError(throttle.until);
  }

  /** The shared back-off was just written here: read it again before the next request. */
  forget(): void {
    this.known = undefined;
  }

  get inFlight(): number {
    return this.all.inUse;
  }
}
