import { STATUS_CODES, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PrivateAddress, guardedLookup, literalAddress } from './address-guard.js';
import { imageTarget } from './image-target.js';
import { mediaType } from '../media-type.js';
import { formatBytes } from '../read-body.js';

/**
 * Raster formats every current browser decodes. No SVG: it is a document that can script and
 * fetch (SECURITY.md §4), and nothing in a mail needs it as a remote image.
 */
export const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
]);

// Names some servers still send for the same formats; the answer goes out under the standard one.
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/x-ms-bmp': 'image/bmp',
};

/** Largest image passed on, in bytes: more than any picture in a mail needs. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

// Only these go out: nothing from the browser's request (no cookie, no Referer, no language), so
// the sender's host learns nothing about the reader but that some Tern server asked.
const HEADERS = { accept: 'image/*', 'user-agent': 'Tern image proxy' };

/** Why no image came: the status and sentence the page gets. */
export class ImageRefusal extends Error {
  override name = 'ImageRefusal';
  constructor(
    readonly status: 400 | 403 | 502 | 504,
    message: string,
  ) {
    super(message);
  }
}

export interface ImageFetchOptions {
  isAllowedAddress: (ip: string) => boolean;
  isAllowedPort: (port: number) => boolean;
  /** For the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Aborted when the browser goes away. */
  signal?: AbortSignal;
}

export interface Image {
  /** One of IMAGE_TYPES. */
  type: string;
  bytes: Buffer<ArrayBuffer>;
}

/** GETs the image at `url` (already checked by `imageTarget`), following a few redirects. */
export async function fetchImage(url: URL, opts: ImageFetchOptions): Promise<Image> {
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const exchange = {
    ...opts,
    deadline,
    signal: opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline,
  };
  for (let hop = 0; ; hop++) {
    const res = await get(url, exchange);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location !== undefined) {
      res.destroy();
      if (hop === MAX_REDIRECTS)
        throw new ImageRefusal(
          502,
          `The image's server redirected more than ${MAX_REDIRECTS} times; Tern stopped following.`,
        );
      const next = imageTarget(location, url);
      if (typeof next === 'string') throw new ImageRefusal(502, `The image's server redirected elsewhere: ${next}`);
      url = next;
      continue;
    }
    if (status < 200 || status > 299) {
      res.destroy();
      // The standard reason phrase, not the server's own: that text is the sender's to choose.
      throw new ImageRefusal(502, `The image's server answered ${status} ${STATUS_CODES[status] ?? ''}`.trim() + '.');
    }
    const sent = mediaType(res.headers['content-type']);
    const type = TYPE_ALIASES[sent] ?? sent;
    if (!IMAGE_TYPES.has(type)) {
      res.destroy();
      const what = sent ? `sent ${sent}` : 'did not say what it sent';
      throw new ImageRefusal(
        502,
        `The address does not give a picture: its server ${what}. Tern shows PNG, JPEG, GIF, WebP, BMP and AVIF images.`,
      );
    }
    return { type, bytes: await readBody(res, url, exchange) };
  }
}

type Exchange = ImageFetchOptions & { deadline: AbortSignal; signal: AbortSignal };

function get(url: URL, x: Exchange): Promise<IncomingMessage> {
  const ip = literalAddress(url);
  if (ip !== undefined && !x.isAllowedAddress(ip))
    return Promise.reject(new ImageRefusal(403, new PrivateAddress(url.hostname).message));
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  if (!x.isAllowedPort(port))
    return Promise.reject(
      new ImageRefusal(403, `Tern fetches images only from the web's own ports (80 and 443), not port ${port}.`),
    );
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      headers: HEADERS,
      // A new connection each time, so each one passes the lookup below: a pooled socket would
      // skip it, and could have been opened under another proxy's (a test's) rules.
      agent: false,
      lookup: guardedLookup(x.isAllowedAddress),
      signal: x.signal,
    });
    req.on('response', resolve);
    req.on('error', (e) => reject(refusal(e, url, x)));
    req.end();
  });
}

/** The body, within MAX_IMAGE_BYTES whether or not the server said its length. */
function readBody(res: IncomingMessage, url: URL, x: Exchange): Promise<Buffer<ArrayBuffer>> {
  const tooLarge = () =>
    new ImageRefusal(502, `The image is larger than ${formatBytes(MAX_IMAGE_BYTES)}; Tern does not show it.`);
  return new Promise((resolve, reject) => {
    const stop = (e: ImageRefusal) => {
      x.signal.removeEventListener('abort', onAbort);
      res.destroy();
      reject(e);
    };
    const onAbort = () => stop(refusal(new Error('aborted'), url, x));
    if (Number(res.headers['content-length']) > MAX_IMAGE_BYTES) return stop(tooLarge());
    if (x.signal.aborted) return onAbort();
    x.signal.addEventListener('abort', onAbort, { once: true });
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_IMAGE_BYTES) return stop(tooLarge());
      chunks.push(chunk);
    });
    res.on('error', (e) => stop(refusal(e, url, x)));
    // A connection closed before the end of the body may come without an 'error'.
    res.on('close', () => {
      if (!res.complete) stop(refusal(new Error('the answer broke off'), url, x));
    });
    res.on('end', () => {
      x.signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks, size));
    });
  });
}

/** What a failed connection or answer becomes for the page. */
function refusal(e: NodeJS.ErrnoException, url: URL, x: Exchange): ImageRefusal {
  if (e instanceof ImageRefusal) return e;
  if (e instanceof PrivateAddress) return new ImageRefusal(403, e.message);
  if (x.deadline.aborted)
    return new ImageRefusal(504, `The image's server did not answer within ${x.timeoutMs / 1000} s.`);
  if (x.signal.aborted) return new ImageRefusal(502, 'The request was cancelled.');
  if (e.code === 'ENOTFOUND') return new ImageRefusal(502, `No server is called ${url.hostname}.`);
  return new ImageRefusal(502, `The image's server ${url.host} could not be reached (${e.code ?? e.message}).`);
}
