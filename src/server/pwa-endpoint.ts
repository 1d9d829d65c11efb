import { Hono, type Context } from 'hono';
import type { CredentialCheck } from './auth/credential-check.js';
import { crossSiteReason } from './auth/same-origin.js';
import { NOT_SIGNED_IN, sessionCredentials } from './auth/session-credentials.js';
import type { Sessions } from './auth/sessions.js';
import type { Env } from './connection.js';
import type { EwsBackend } from './ews-backend.js';
import { intakeSoap } from './soap-intake.js';

export const PWA_EWS_PATH = '/ews';

/** The custom header the PWA sends; a cross-site page cannot add one without a CORS preflight we never grant. */
export const CLIENT_HEADER = 'x-tern-client';

export interface PwaEndpoint {
  sessions: Sessions;
  backend: EwsBackend;
  maxRequestBytes: number;
  allowed?: (name: string) => boolean;
  /** Mailbox mode re-checks the session's password, so a changed password ends old sessions. */
  recheck?: CredentialCheck;
}

/** What `/ews` answers when there is no usable session; the PWA turns any 401 into "sign-in needed". */
export function signInAgain(c: Context, message = NOT_SIGNED_IN) {
  return c.json({ error: 'signin-required', message }, 401);
}

/**
 * `POST /ews`, the PWA's EWS endpoint: the session cookie, then CSRF defences in depth
 * (same-origin fetch metadata or Origin, the custom header, and `text/xml`, which no HTML form
 * can send), then SOAP checks (SECURITY.md §5.3).
 */
export function pwaEndpoint(e: PwaEndpoint): Hono<Env> {
  const app = new Hono<Env>();
  app.post(PWA_EWS_PATH, async (c) => {
    const cross = crossSiteReason(c);
    if (cross) return c.json({ error: 'cross-site', message: `Refused: ${cross}.` }, 403);
    if (c.req.header(CLIENT_HEADER) !== '1')
      return c.json({ error: 'client-header', message: `Refused: the ${CLIENT_HEADER}: 1 header is missing.` }, 403);
    const session = await sessionCredentials(c, e.sessions, e.recheck);
    if (!session.ok) return signInAgain(c, session.message);
    const { credentials } = session;
    const req = await intakeSoap(c, {
      types: ['text/xml'],
      maxBytes: e.maxRequestBytes,
      ...(e.allowed ? { allowed: e.allowed } : {}),
    });
    if (req instanceof Response) return req;
    return e.backend({ req, credentials, c, unauthorized: (message) => signInAgain(c, message) });
  });
  app.all(PWA_EWS_PATH, (c) => {
    c.header('allow', 'POST');
    return c.json({ error: 'method', message: 'POST SOAP to /ews.' }, 405);
  });
  return app;
}
