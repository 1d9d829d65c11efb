import { Hono, type Context } from 'hono';
import { clientAddress, type Env } from '../connection.js';
import { mediaType } from '../media-type.js';
import { BodyNotText, BodyTooLarge } from '../read-body.js';
import { readRequestBody } from '../request-body.js';
import type { Credentials } from './basic-credentials.js';
import type { CredentialCheck } from './credential-check.js';
import type { LoginLimiter } from './login-limiter.js';
import { crossSiteReason } from './same-origin.js';
import type { Sessions } from './sessions.js';
import { signIn } from './sign-in.js';
import { renderSigninPage } from './signin-page.js';

/** The query parameter of the page a sign-in lands on (read by src/ui/main.tsx). */
export const SIGNED_IN_MARK = 'signed-in';

/** What sign-in needs: how to check a password, the limiter in front of it, and the cookie. */
export interface Auth {
  mode: 'mailbox' | 'proxy';
  sessions: Sessions;
  limiter: LoginLimiter;
  check: CredentialCheck;
  /** A line shown under the sign-in form (the demo accounts in mailbox mode). */
  signinHint?: string;
}

/** `GET /api/session`: who is signed in (`user` null when nobody) and how the server runs. */
export interface SessionInfo {
  user: string | null;
  mode: 'mailbox' | 'proxy';
  /** When the session ends, ms since the epoch. */
  expiresAt?: number;
}

// A user name and password; anything bigger is not a sign-in.
const MAX_SIGNIN_BYTES = 16 * 1024;

/** The sign-in page and the session API: `GET /signin`, `GET|POST|DELETE /api/session`. */
export function sessionRoutes(auth: Auth): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/signin', (c) =>
    page(c, 200, { mode: auth.mode, ...opt('next', safeNext(c.req.query('next'))), ...opt('hint', auth.signinHint) }),
  );

  app.get('/api/session', (c) => {
    const s = auth.sessions.read(c);
    const info: SessionInfo = s ? { user: s.user, mode: auth.mode, expiresAt: s.exp } : { user: null, mode: auth.mode };
    return c.json(info);
  });

  app.post('/api/session', async (c) => {
    const type = mediaType(c.req.header('content-type'));
    const isForm = type === 'application/x-www-form-urlencoded';
    // Known once the body is read; a refusal before that returns to the default page.
    let next: string | undefined = undefined;
    const fail = (status: 400 | 401 | 403 | 413 | 415 | 429 | 502, error: string, message: string, username = '') => {
      if (!isForm) return c.json({ error, message }, status);
      return page(c, status, {
        mode: auth.mode,
        error: message,
        username,
        ...opt('hint', auth.signinHint),
        ...opt('next', next),
      });
    };
    const cross = crossSiteReason(c);
    if (cross) return fail(403, 'cross-site', `Sign-in refused: ${cross}. Sign in from this server's own page.`);
    if (!isForm && type !== 'application/json')
      return fail(415, 'unsupported-type', 'Send the sign-in as application/json or as a form.');
    let fields: Record<string, unknown>;
    try {
      const text = await readRequestBody(c, MAX_SIGNIN_BYTES);
      fields = isForm ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text) as Record<string, unknown>);
      if (typeof fields !== 'object' || fields === null) throw new SyntaxError('not an object');
    } catch (e) {
      if (e instanceof BodyTooLarge) return fail(413, 'too-large', 'That sign-in request is too large.');
      if (e instanceof BodyNotText || e instanceof SyntaxError)
        return fail(400, 'bad-request', 'The sign-in request could not be read.');
      throw e;
    }
    next = safeNext(fields['next']);
    const { username, password } = fields;
    if (typeof username !== 'string' || typeof password !== 'string' || !username.trim() || !password)
      return fail(400, 'missing-fields', 'Enter your email address and password.', String(username ?? ''));
    const credentials: Credentials = { user: username.trim(), password };
    const result = await signIn(auth.limiter, auth.check, clientAddress(c), credentials);
    if (!result.ok) {
      if (result.retryAfterSec !== undefined) c.header('retry-after', String(result.retryAfterSec));
      const error = { 401: 'bad-credentials', 429: 'too-many-attempts', 502: 'unavailable' }[result.status];
      return fail(result.status, error, result.message, credentials.user);
    }
    const session = auth.sessions.issue(c, credentials);
    if (isForm) return c.redirect(landing(next ?? '/'), 303);
    const info: SessionInfo = { user: session.user, mode: auth.mode, expiresAt: session.exp };
    return c.json(info);
  });

  app.delete('/api/session', (c) => {
    const cross = crossSiteReason(c);
    if (cross) return c.json({ error: 'cross-site', message: `Sign-out refused: ${cross}.` }, 403);
    auth.sessions.clear(c);
    // Only the cookie: the app decides what happens to the local copy of the mail (an outbox
    // that has not reached the server yet is the user's call).
    // https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Clear-Site-Data
    c.header('clear-site-data', '"cookies"');
    return c.body(null, 204);
  });

  return app;
}

function page(
  c: Context,
  status: 200 | 400 | 401 | 403 | 413 | 415 | 429 | 502,
  p: Parameters<typeof renderSigninPage>[0],
) {
  return c.html(renderSigninPage(p), status);
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * Where the form's sign-in lands: `next`, marked `signed-in`, so the app checks whose mail this
 * device holds before it shows any (another account's must not flash up; src/ui/main.tsx).
 */
function landing(next: string): string {
  const at = next.indexOf('#');
  const [path, hash] = at < 0 ? [next, ''] : [next.slice(0, at), next.slice(at)];
  return `${path}${path.includes('?') ? '&' : '?'}${SIGNED_IN_MARK}${hash}`;
}

/** A path on this server to return to after sign-in; anything that could leave the site is dropped. */
export function safeNext(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
    return undefined;
  // eslint-disable-next-line no-control-regex -- control characters in a Location header are an injection
  return /[\u0000-\u001f\u007f\\]/.test(raw) || raw.length > 2000 ? undefined : raw;
}
