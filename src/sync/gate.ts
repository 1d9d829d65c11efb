import type { MailDB } from '../db/index.js';
import { readThrottle } from './backoff.js';
import type { Clock } from './clock.js';
import { StoppedError, ThrottledError } from './errors.js';
import { Semaphore } from './semaphore.js';
import type { SyncSettings } from './settings.js';

export type RequestKind = 'sync' | 'other';

/**
 * Every request passes here. It waits for a slot (at most `maxRequests` in flight, of which at
 * most `maxSyncCalls` sync calls), then, right before sending, refuses if traffic is stopped or
 * the shared back-off has not passed. The back-off is read from the database each time, so a
 * "busy" seen by another tab or the worker stops this context too.
 */
export class Gate {
  private readonly all: Semaphore;
  private readonly sync: Semaphore;

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

  /** Throws when no request may go out now. */
  async check(): Promise<void> {
    const stop = this.stopped();
    if (stop) throw stop;
    const throttle = await readThrottle(this.db);
    if (throttle && throttle.until > this.clock.now()) throw new ThrottledError(throttle.until);
  }

  get inFlight(): number {
    return this.all.inUse;
  }
}
