import { Hono } from 'hono';
import type { CredentialCheck } from '../auth/credential-check.js';
import { sessionCredentials } from '../auth/session-credentials.js';
import type { Sessions } from '../auth/sessions.js';
import { plainAnswer } from '../backend-answer.js';
import type { Env } from '../connection.js';
import { ImageRefusal, fetchImage, type Image } from './image-fetch.js';
import { imageTarget, isWebPort } from './image-target.js';
import { isPublicAddress } from './public-address.js';

/** Where the page asks for a remote image: `/api/image?url=<absolute URL, URL-encoded>`. */
export const IMAGE_PROXY_PATH = '/api/image';

export interface ImageProxy {
  sessions: Sessions;
  /** Mailbox mode re-checks the session's password, as on `/ews`. */
  recheck?: CredentialCheck;
  /**
   * Which addresses may be fetched from (default: public unicast only). Tests allow 127.0.0.1 for
   * their local image server; nothing in a request or the environment can change it.
   */
  isAllowedAddress?: (ip: string) => boolean;
  /** Which ports may be fetched from (default: 80 and 443); tests allow their server's. */
  isAllowedPort?: (port: number) => boolean;
  /** For the whole exchange with the image's server, in ms (default 10 s). */
  timeoutMs?: number;
}

/**
 * `GET /api/image?url=…`: a remote image from a mail the user chose to show, fetched by this
 * server, so the sender's host never sees the reader's browser (address, cookies, Referer, time of
 * each view). The server's own network is out of reach: SECURITY.md §4 lists what this proxy must
 * refuse, and public-address.ts how.
 */
export function imageProxy(opts: ImageProxy): Hono<Env> {
  const isAllowedAddress = opts.isAllowedAddress ?? isPublicAddress;
  const isAllowedPort = opts.isAllowedPort ?? isWebPort;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const app = new Hono<Env>();
  app.get(IMAGE_PROXY_PATH, async (c) => {
    // Before the session: another site's <img> must not even cost a password check. The cookie is
    // SameSite=Strict already; this also refuses same-site pages on other ports or subdomains.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin')
      return plainAnswer(403, `Refused: images are fetched only for Tern's own pages (Sec-Fetch-Site is "${site}").`);
    const session = await sessionCredentials(c, opts.sessions, opts.recheck);
    if (!session.ok) return plainAnswer(401, session.message);
    const url = c.req.query('url');
    if (!url) return plainAnswer(400, `No image address: ask for ${IMAGE_PROXY_PATH}?url=<URL-encoded address>.`);
    const target = imageTarget(url);
    if (typeof target === 'string') return plainAnswer(400, target);
    try {
      return imageAnswer(
        await fetchImage(target, { isAllowedAddress, isAllowedPort, timeoutMs, signal: c.req.raw.signal }),
      );
    } catch (err) {
      if (err instanceof ImageRefusal) return plainAnswer(err.status, err.message);
      throw err;
    }
  });
  return app;
}

/**
 * The picture, under a policy that lets it do nothing if opened on its own. A day in the browser's
 * private cache: mail does not change, and a reader scrolling back should not ask the sender again.
 * Only for the session that fetched it (`Vary: Cookie`): after a sign-out, the next person on the
 * device cannot find out from the cache which pictures were seen.
 */
function imageAnswer(image: Image): Response {
  return new Response(image.bytes, {
    headers: {
      'content-type': image.type,
      'content-length': String(image.bytes.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'private, max-age=86400',
      vary: 'cookie',
    },
  });
}
