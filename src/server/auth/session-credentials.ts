import type { Context } from 'hono';
import type { Credentials } from './basic-credentials.js';
import type { CredentialCheck } from './credential-check.js';
import type { Sessions } from './sessions.js';

/** Who a PWA request acts as, or the sentence that asks for a new sign-in. */
export type SessionCheck = { ok: true; credentials: Credentials } | { ok: false; message: string };

export const NOT_SIGNED_IN = 'You are not signed in, or your session has ended: sign in again.';

/**
 * The session cookie's user, for every route the PWA calls with its cookie (`/ews`, downloads).
 * Mailbox mode re-checks the password (`recheck`), so a changed password ends old sessions.
 */
export async function sessionCredentials(
  c: Context,
  sessions: Sessions,
  recheck?: CredentialCheck,
): Promise<SessionCheck> {
  const session = sessions.read(c);
  if (!session) return { ok: false, message: NOT_SIGNED_IN };
  const credentials = { user: session.user, password: session.password };
  if (recheck) {
    const result = await recheck(credentials);
    if (!result.ok && result.reason === 'bad-credentials') {
      sessions.clear(c);
      return { ok: false, message: 'Your password has changed: sign in again.' };
    }
  }
  return { ok: true, credentials };
}
