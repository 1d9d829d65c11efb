/** How many failed sign-ins are tolerated, per client address and per account, in a sliding window. */
export interface LoginLimits {
  windowMs: number;
  maxFailuresPerIp: number;
  maxFailuresPerAccount: number;
  /** Addresses and accounts remembered at once; the oldest are forgotten first. */
  maxTracked: number;
}

// Roundcube's login_rate_limit and OWASP's authentication cheat sheet: a few attempts per account
// and a looser bound per address (several people may share one NAT), counted over minutes.
// https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  maxFailuresPerIp: 30,
  maxFailuresPerAccount: 10,
  maxTracked: 10_000,
};

/**
 * Counts failed sign-ins (session form and HTTP Basic alike). While a client address or an
 * account is over its limit every attempt is refused, even with the right password, so guessing
 * gains nothing; the refusal says only "too many attempts", never whether the account exists.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds until `ip` may try `account` again; 0 when it may now. */
  retryAfterMs(ip: string, account: string): number {
    const now = this.clock();
    return Math.max(
      this.#wait(`ip ${ip}`, this.limits.maxFailuresPerIp, now),
      this.#wait(`account ${account.toLowerCase()}`, this.limits.maxFailuresPerAccount, now),
    );
  }

  fail(ip: string, account: string): void {
    const now = this.clock();
    this.#record(`ip ${ip}`, this.limits.maxFailuresPerIp, now);
    this.#record(`account ${account.toLowerCase()}`, this.limits.maxFailuresPerAccount, now);
  }

  /** The owner got in: their earlier typos no longer count against the account. */
  succeed(account: string): void {
    this.#failures.delete(`account ${account.toLowerCase()}`);
  }

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (list.length) this.#failures.set(key, list);
    else this.#failures.delete(key);
    return list;
  }

  #wait(key: string, max: number, now: number): number {
    const list = this.#recent(key, now);
    return list.length >= max ? list[list.length - max]! + this.limits.windowMs - now : 0;
  }

  #record(key: string, max: number, now: number): void {
    const list = this.#recent(key, now);
    list.push(now);
    // Only the newest `max` failures decide when the key is free again.
    this.#failures.delete(key);
    this.#failures.set(key, list.slice(-max));
    while (this.#failures.size > this.limits.maxTracked) this.#failures.delete(this.#failures.keys().next().value!);
  }
}
