import type { Credentials } from './basic-credentials.js';
import type { CredentialCheck } from './credential-check.js';
import type { LoginLimiter } from './login-limiter.js';

/** The outcome of one sign-in attempt, with the words a person should see when it failed. */
export type SignInResult =
  { ok: true } | { ok: false; status: 401 | 429 | 502; message: string; retryAfterSec?: number };

// One message for a wrong password and an unknown account: the answer must not tell them apart.
export const WRONG_CREDENTIALS = 'The email address or password is not right.';

/**
 * Checks credentials behind the login limiter: a client or account over its limit is refused
 * before the password is even looked at, and only wrong passwords count against the limit.
 */
export async function signIn(
  limiter: LoginLimiter,
  check: CredentialCheck,
  ip: string,
  credentials: Credentials,
): Promise<SignInResult> {
  const waitMs = limiter.retryAfterMs(ip, credentials.user);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    return {
      ok: false,
      status: 429,
      message: `Too many sign-in attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
      retryAfterSec: Math.ceil(waitMs / 1000),
    };
  }
  const result = await check(credentials);
  if (result.ok) {
    limiter.succeed(credentials.user);
    return { ok: true };
  }
  if (result.reason === 'unavailable') return { ok: false, status: 502, message: result.message };
  limiter.fail(ip, credentials.user);
  return { ok: false, status: 401, message: WRONG_CREDENTIALS };
}
