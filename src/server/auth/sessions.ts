import type { Context } from 'hono';
import type { Credentials } from './basic-credentials.js';
import { openSession, sealSession, type Session, type SessionKey } from './session-cookie.js';

// A month: the app works offline for long stretches, and signing in again is the price of expiry.
export const SESSION_LIFETIME_MS = 30 * 24 * 3_600_000;

const OPENED_MAX = 1000;

/**
 * The browser's only credential: one HttpOnly, SameSite=Strict cookie holding the encrypted
 * session. Over https it is `Secure` with the `__Host-` prefix, which pins it to this host and path /.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#cookie_prefixes
 */
export class Sessions {
  constructor(
    private readonly key: SessionKey,
    private readonly clock: () => number = Date.now,
    private readonly lifetimeMs: number = SESSION_LIFETIME_MS,
  ) {}

  // Cookies already opened: the PWA sends the same one with every request of a sync pass, and
  // opening it (AES-GCM) costs more than the rest of the session check. Expiry is still checked.
  readonly #opened = new Map<string, Session>();

  /** The valid session the request carries, if any. */
  read(c: Context): Session | undefined {
    const token = readCookie(c.req.header('cookie'), cookieName(c));
    if (!token) return undefined;
    const now = this.clock();
    const known = this.#opened.get(token);
    if (known) return known.exp > now ? known : undefined;
    const session = openSession(token, this.key, now);
    if (session) {
      if (this.#opened.size >= OPENED_MAX) this.#opened.delete(this.#opened.keys().next().value!);
      this.#opened.set(token, session);
    }
    return session;
  }

  /** Starts a new session (a fresh cookie on every sign-in) and sets it on the response. */
  issue(c: Context, { user, password }: Credentials): Session {
    const iat = this.clock();
    const session: Session = { user, password, iat, exp: iat + this.lifetimeMs };
    c.header('set-cookie', cookie(c, sealSession(session, this.key), Math.floor(this.lifetimeMs / 1000)), {
      append: true,
    });
    return session;
  }

  /** Removes the cookie; a stateless session cannot be revoked on the server, only forgotten. */
  clear(c: Context): void {
    c.header('set-cookie', cookie(c, '', 0), { append: true });
  }
}

function isHttps(c: Context): boolean {
  // The URL is absolute and its scheme lower-case (WHATWG URL); no need to parse all of it.
  return c.req.url.startsWith('https:');
}

/**
 * The value of the first cookie called `name` in a Cookie header (RFC 6265 §5.4: `name=value`
 * pairs joined by "; "), or undefined. Values are not percent-decoded: session tokens are
 * base64url, and `openSession` refuses anything else.
 * @see https://www.rfc-editor.org/rfc/rfc6265#section-5.4
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (let start = 0; start < header.length;) {
    let end = header.indexOf(';', start);
    if (end < 0) end = header.length;
    const pair = header.slice(start, end).trim();
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trimEnd() === name) {
      const value = pair.slice(eq + 1).trimStart();
      // RFC 6265 allows the value in double quotes.
      return (
        (value.length > 1 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value) || undefined
      );
    }
    start = end + 1;
  }
  return undefined;
}

export function cookieName(c: Context): string {
  return isHttps(c) ? '__Host-tern_session' : 'tern_session';
}

function cookie(c: Context, value: string, maxAgeSec: number): string {
  const parts = [`${cookieName(c)}=${value}`, 'Path=/', `Max-Age=${maxAgeSec}`, 'HttpOnly', 'SameSite=Strict'];
  if (isHttps(c)) parts.push('Secure');
  return parts.join('; ');
}
