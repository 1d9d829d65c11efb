import { DEFAULT_THROTTLE, Throttle } from '../mailbox/throttle.js';

/**
 * What one user may ask of the upstream through this proxy (SECURITY.md §5.5): a budget for
 * every request, and a smaller one for the operations that make or send mail, so a stolen
 * session or a runaway script can neither hammer Exchange nor send spam at machine speed. The
 * refusal is Exchange's own (ErrorServerBusy with BackOffMilliseconds), which every client obeys.
 */
export interface UserBudgetOptions {
  /** Requests a user may make in one burst, and how many a second the budget refills by. */
  burst: number;
  rechargePerSecond: number;
  /** The same for CreateItem and SendItem. */
  sendBurst: number;
  sendRechargePerSecond: number;
}

// A sync pass is tens of requests, and a day offline rarely queues more than a few dozen
// messages; past that, one message every 2 s is still faster than a person writes them.
export const DEFAULT_USER_BUDGET: UserBudgetOptions = {
  burst: 300,
  rechargePerSecond: 100,
  sendBurst: 60,
  sendRechargePerSecond: 0.5,
};

const SENDING: ReadonlySet<string> = new Set(['CreateItem', 'SendItem']);

export class UserBudget {
  private readonly all: Throttle;
  private readonly sending: Throttle;

  constructor(options: UserBudgetOptions, clock: () => number) {
    this.all = new Throttle(
      { ...DEFAULT_THROTTLE, burst: options.burst, rechargePerSecond: options.rechargePerSecond },
      clock,
    );
    this.sending = new Throttle(
      { ...DEFAULT_THROTTLE, burst: options.sendBurst, rechargePerSecond: options.sendRechargePerSecond },
      clock,
    );
  }

  /** Spends `user`'s budget for one `operation`: undefined when allowed, else the wait in ms. */
  take(user: string, operation: string): { waitMs: number; sending: boolean } | undefined {
    const key = user.toLowerCase();
    const sendWait = SENDING.has(operation) ? this.sending.take(key) : undefined;
    if (sendWait !== undefined) return { waitMs: sendWait, sending: true };
    const wait = this.all.take(key);
    return wait === undefined ? undefined : { waitMs: wait, sending: false };
  }
}
