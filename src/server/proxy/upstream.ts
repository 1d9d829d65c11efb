import type { Credentials } from '../auth/basic-credentials.js';
import { basicHeader } from '../auth/basic-credentials.js';
import { BodyNotText, BodyTooLarge, formatBytes, readBytes } from '../read-body.js';
import { XML_CONTENT_TYPE } from '../soap-answer.js';
import { httpPost } from './http-post.js';
import { UpstreamFailure } from './upstream-failure.js';

export { UpstreamFailure } from './upstream-failure.js';

/** The one Exchange server the proxy talks to, and how patiently. */
export interface UpstreamOptions {
  /** Fixed by the operator (`--upstream`); nothing in a request can change it. */
  url: URL;
  /**
   * A fetch to use instead of the built-in keep-alive HTTP client (tests inject one). With it,
   * `connectTimeoutMs` does not apply separately: `responseTimeoutMs` bounds the whole call.
   */
  fetch?: typeof fetch;
  connectTimeoutMs?: number;
  /** Time for the whole answer, from sending the request to its last byte. */
  responseTimeoutMs?: number;
  maxResponseBytes?: number;
}

export const UPSTREAM_DEFAULTS = {
  connectTimeoutMs: 10_000,
  // Exchange gives up on its own EWS work after 100 s (ExchangeService.Timeout's default); a
  // large GetAttachment also needs time to travel.
  // https://learn.microsoft.com/en-us/dotnet/api/microsoft.exchange.webservices.data.exchangeservicebase.timeout
  responseTimeoutMs: 120_000,
  // A GetAttachment of Exchange's largest attachment (~35 MB) is ~47 MB of base64.
  maxResponseBytes: 64 * 1024 * 1024,
} as const;

/** The upstream's HTTP answer, read in full within the limits. */
export interface UpstreamAnswer {
  status: number;
  /** The bytes that came, checked to be UTF-8, to pass on unchanged. */
  body: Buffer;
  contentType: string;
  retryAfter?: string;
}

/**
 * POSTs one SOAP request to the upstream as `credentials`. Only the headers written here are
 * sent (nothing from the browser's request: no cookies, no X-AnchorMailbox, no Host); redirects
 * are returned, never followed.
 */
export async function callUpstream(
  opts: UpstreamOptions,
  credentials: Credentials,
  soap: string,
  signal?: AbortSignal,
): Promise<UpstreamAnswer> {
  const headers = {
    'content-type': XML_CONTENT_TYPE,
    accept: 'text/xml',
    authorization: basicHeader(credentials),
    'user-agent': 'Tern',
  };
  const limits = {
    connectTimeoutMs: opts.connectTimeoutMs ?? UPSTREAM_DEFAULTS.connectTimeoutMs,
    responseTimeoutMs: opts.responseTimeoutMs ?? UPSTREAM_DEFAULTS.responseTimeoutMs,
    maxResponseBytes: opts.maxResponseBytes ?? UPSTREAM_DEFAULTS.maxResponseBytes,
    ...(signal ? { signal } : {}),
  };
  if (opts.fetch) return viaFetch(opts.fetch, opts.url, headers, soap, limits);
  const res = await httpPost(opts.url, headers, soap, limits);
  const answer: UpstreamAnswer = { status: res.status, body: res.body, contentType: res.headers['content-type'] ?? '' };
  const retryAfter = res.headers['retry-after'];
  if (retryAfter !== undefined) answer.retryAfter = retryAfter;
  return answer;
}

async function viaFetch(
  fetchFn: typeof fetch,
  url: URL,
  headers: Record<string, string>,
  body: string,
  limits: { responseTimeoutMs: number; maxResponseBytes: number; signal?: AbortSignal },
): Promise<UpstreamAnswer> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, limits.responseTimeoutMs);
  const onClientGone = () => abort.abort();
  limits.signal?.addEventListener('abort', onClientGone, { once: true });
  try {
    const res = await fetchFn(url, { method: 'POST', headers, body, redirect: 'manual', signal: abort.signal });
    const answer: UpstreamAnswer = {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await readBytes(res.body, limits.maxResponseBytes, res.headers.get('content-length')),
    };
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter !== null) answer.retryAfter = retryAfter;
    return answer;
  } catch (e) {
    if (timedOut)
      throw new UpstreamFailure(
        'timeout',
        `the mail server did not answer within ${limits.responseTimeoutMs / 1000} s`,
      );
    if (e instanceof BodyTooLarge)
      throw new UpstreamFailure('too-large', `the mail server's answer is larger than ${formatBytes(e.limit)}`);
    if (e instanceof BodyNotText) throw new UpstreamFailure('not-text', "the mail server's answer is not UTF-8 text");
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new UpstreamFailure('unreachable', `the mail server could not be reached (${cause ?? String(e)})`);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onClientGone);
  }
}
