import { createHash } from 'node:crypto';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { Credentials } from './basic-credentials.js';

/** What checking a user name and password found. */
export type CheckResult =
  | { ok: true }
  | { ok: false; reason: 'bad-credentials' }
  /** The check itself could not be made (the upstream is down); says nothing about the password. */
  | { ok: false; reason: 'unavailable'; message: string };

export type CredentialCheck = (credentials: Credentials) => Promise<CheckResult>;

// EWS clients send Basic credentials with every request and the mailbox stores scrypt hashes,
// which are slow on purpose; remember recent successes briefly so a sync pass of hundreds of
// requests costs one scrypt, not hundreds.
const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 1000;

/** Checks against the embedded mailbox (`mailbox.verify`), remembering successes for a minute. */
export function mailboxCheck(mailbox: Mailbox, clock: () => number = Date.now): CredentialCheck {
  const recent = new Map<string, number>();
  return async ({ user, password }) => {
    // A digest of both, so the cache never holds a password and a new password misses.
    const key = createHash('sha256').update(user.toLowerCase()).update('\0').update(password).digest('base64');
    const now = clock();
    const until = recent.get(key);
    if (until !== undefined && until > now) return { ok: true };
    recent.delete(key);
    if (!mailbox.verify(user, password)) return { ok: false, reason: 'bad-credentials' };
    if (recent.size >= REMEMBER_MAX) recent.delete(recent.keys().next().value!);
    recent.set(key, now + REMEMBER_MS);
    return { ok: true };
  };
}
