/** An expectation that did not come true in time; the message says what was last seen. */
export class NotYet extends Error {
  override name = 'NotYet';
}

/**
 * Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs` with
 * what `describe` says about the last attempt. Clients apply some actions in the background
 * (Thunderbird's read flag goes out after `markMessagesRead` returns), so the server side is
 * polled, never slept on.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  describe?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const seen = describe ? `; last seen: ${describe()}` : last ? `; last error: ${String(last)}` : '';
      throw new NotYet(`${what} did not happen within ${timeoutMs / 1000} s${seen}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
