import type { Credentials } from '../auth/basic-credentials.js';
import { basicHeader } from '../auth/basic-credentials.js';
import { BodyNotText, BodyTooLarge, formatBytes, readBody } from '../read-body.js';
import { XML_CONTENT_TYPE } from '../soap-answer.js';

/** The one Exchange server the proxy talks to, and how patiently. */
export interface UpstreamOptions {
  /** Fixed by the operator (`--upstream`); nothing in a request can change it. */
  url: URL;
  /** Injected in tests; the global `fetch` otherwise. */
  fetch?: typeof fetch;
  /**
   * Time for the upstream to start answering (connect, TLS, and the server's work). Node's fetch
   * (undici) also gives up on a TCP connect after 10 s by itself.
   */
  headersTimeoutMs?: number;
  /** Time for the whole answer, body included. */
  responseTimeoutMs?: number;
  maxResponseBytes?: number;
}

export const UPSTREAM_DEFAULTS = {
  // Exchange's own EWS calls time out at 100 s (ExchangeService.Timeout), so waiting longer is pointless.
  // https://learn.microsoft.com/en-us/dotnet/api/microsoft.exchange.webservices.data.exchangeservicebase.timeout
  headersTimeoutMs: 100_000,
  responseTimeoutMs: 180_000,
  // A GetAttachment of Exchange's largest attachment (~35 MB) is ~47 MB of base64.
  maxResponseBytes: 64 * 1024 * 1024,
} as const;

/** The upstream's HTTP answer, read in full within the limits. */
export interface UpstreamAnswer {
  status: number;
  body: string;
  contentType: string;
  retryAfter?: string;
  location?: string;
}

/** The upstream gave no usable answer. `kind` picks the HTTP status the client sees. */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
  constructor(
    readonly kind: 'unreachable' | 'timeout' | 'too-large' | 'not-text',
    message: string,
  ) {
    super(message);
  }
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
  const fetchFn = opts.fetch ?? fetch;
  const headersTimeout = opts.headersTimeoutMs ?? UPSTREAM_DEFAULTS.headersTimeoutMs;
  const responseTimeout = opts.responseTimeoutMs ?? UPSTREAM_DEFAULTS.responseTimeoutMs;
  const abort = new AbortController();
  let timedOutAfter: number | undefined;
  const stop = (ms: number) =>
    setTimeout(() => {
      timedOutAfter ??= ms;
      abort.abort();
    }, ms);
  const headersTimer = stop(headersTimeout);
  const responseTimer = stop(responseTimeout);
  const onClientGone = () => abort.abort();
  signal?.addEventListener('abort', onClientGone, { once: true });
  try {
    const res = await fetchFn(opts.url, {
      method: 'POST',
      headers: {
        'content-type': XML_CONTENT_TYPE,
        accept: 'text/xml',
        authorization: basicHeader(credentials),
        'user-agent': 'Tern',
      },
      body: soap,
      redirect: 'manual',
      signal: abort.signal,
    });
    clearTimeout(headersTimer);
    const answer: UpstreamAnswer = {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: await readBody(
        res.body,
        opts.maxResponseBytes ?? UPSTREAM_DEFAULTS.maxResponseBytes,
        res.headers.get('content-length'),
      ),
    };
    const retryAfter = res.headers.get('retry-after');
    const location = res.headers.get('location');
    if (retryAfter !== null) answer.retryAfter = retryAfter;
    if (location !== null) answer.location = location;
    return answer;
  } catch (e) {
    if (timedOutAfter !== undefined)
      throw new UpstreamFailure('timeout', `the mail server did not answer within ${timedOutAfter / 1000} s`);
    if (e instanceof BodyTooLarge)
      throw new UpstreamFailure('too-large', `the mail server's answer is larger than ${formatBytes(e.limit)}`);
    if (e instanceof BodyNotText) throw new UpstreamFailure('not-text', "the mail server's answer is not UTF-8 text");
    throw new UpstreamFailure('unreachable', `the mail server could not be reached (${describe(e)})`);
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(responseTimer);
    signal?.removeEventListener('abort', onClientGone);
  }
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
