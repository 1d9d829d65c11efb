/**
 * Exchange Online's throttling, as far as clients can see it:
 * - ConcurrentSyncCalls: at most 5 SyncFolderItems/SyncFolderHierarchy running at once per user
 *   (the value in EXO's own error text, sample 13), answered as a response message with
 *   BackOffMilliseconds;
 * - a per-user request budget (EwsMaxBurst / EwsRechargeRate; EXO does not publish its values):
 *   a token bucket, answered with an ErrorServerBusy SOAP fault carrying BackOffMilliseconds.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export interface ThrottleOptions {
  /** Sync calls one user may have running at once (EXO: 5). */
  concurrentSyncCalls: number;
  /** Requests a user may make in one burst. */
  burst: number;
  /** Requests per second the budget refills by. */
  rechargePerSecond: number;
  /** BackOffMilliseconds answered when ConcurrentSyncCalls is exceeded (EXO suggests 5000). */
  syncBackOffMs: number;
}

// A normal client (a sync pass is tens of requests; DavMail's IMAP session a few a command) never
// comes near these; a runaway loop or a hostile script does within a second.
export const DEFAULT_THROTTLE: ThrottleOptions = {
  concurrentSyncCalls: 5,
  burst: 300,
  rechargePerSecond: 100,
  syncBackOffMs: 5000,
};

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly syncing = new Map<string, number>();

  constructor(
    readonly options: ThrottleOptions,
    private readonly clock: () => number,
  ) {}

  /** Spends one request of `user`'s budget; undefined when allowed, else the back-off in ms. */
  take(user: string): number | undefined {
    const now = this.clock();
    const { burst, rechargePerSecond: rate } = this.options;
    const b = this.buckets.get(user) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) * rate) / 1000);
    b.at = now;
    this.buckets.set(user, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil(((1 - b.tokens) * 1000) / rate));
  }

  /** Enters a sync call: a release function, or undefined when the user has too many running. */
  enterSync(user: string): (() => void) | undefined {
    const n = this.syncing.get(user) ?? 0;
    if (n >= this.options.concurrentSyncCalls) return undefined;
    this.syncing.set(user, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.syncing.get(user) ?? 1) - 1;
      if (left) this.syncing.set(user, left);
      else this.syncing.delete(user);
    };
  }
}

/** The MessageText Exchange Online sends with a ConcurrentSyncCalls refusal (sample 13). */
export const concurrentSyncText = (limit: number, backOffMs: number) =>
  `The server cannot service this request right now. Try again later., This operation exceeds the throttling budget for policy part 'ConcurrentSyncCalls', policy value '${limit}',  Budget type: 'Ews'.  Suggested backoff time ${backOffMs} ms.`;
