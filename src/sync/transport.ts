/**
 * How SOAP reaches the server: a function from a request envelope to the response envelope.
 * The browser uses `fetchTransport`; tests pass the Tern server's `app.request` through
 * `readResponse`, so both share the HTTP status rules below.
 */
export type Transport = (soap: string, signal?: AbortSignal) => Promise<string>;

export type TransportErrorKind =
  /** HTTP 401: the session is gone; sign in again. */
  | 'auth'
  /** HTTP 503 or 429: the server asked us to wait (`retryAfterMs` when it said how long). */
  | 'busy'
  /** No answer: network error, timeout, or an answer that is not EWS (a proxy's error page). */
  | 'unreachable'
  /** The browser knows it has no network (`navigator.onLine === false`). */
  | 'offline';

/** A request that produced no EWS answer. EWS-level errors are not these: they decode. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Turns an HTTP answer into the SOAP body or a `TransportError`. 200 and 500-with-XML carry
 * EWS (faults arrive as 500; exchangelib and the EWS Managed API parse them the same way).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export async function readResponse(res: Response, now: number = Date.now()): Promise<string> {
  if (res.status === 401) throw new TransportError('auth', 'The server asked us to sign in again.', 401);
  if (res.status === 503 || res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
    throw new TransportError('busy', `The server is busy (HTTP ${res.status}).`, res.status, retryAfterMs);
  }
  const body = await res.text();
  const xml = /xml/i.test(res.headers.get('content-type') ?? '') || body.trimStart().startsWith('<');
  if (res.status === 200 || (res.status === 500 && xml)) return body;
  throw new TransportError('unreachable', `The server answered HTTP ${res.status}.`, res.status);
}

/**
 * `Retry-After` is either delay-seconds or an HTTP-date.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface FetchTransportOptions {
  /** Give up on a request after this long (ms); the engine treats it as unreachable. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** POSTs SOAP to the Tern server with the session cookie (`POST /ews`). */
export function fetchTransport(url: string, options: FetchTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (soap, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', 'X-Tern-Client': '1' },
        body: soap,
        signal: combined,
      });
      // Reading the body is part of the exchange: a connection that breaks off, or the timeout,
      // mid-answer means the server may have acted without our knowing, as for no answer at all.
      return await readResponse(res);
    } catch (err) {
      if (err instanceof TransportError || signal?.aborted) throw err;
      if (typeof navigator !== 'undefined' && navigator.onLine === false)
        throw new TransportError('offline', 'This device is offline.');
      const why = timeout.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : String(err);
      throw new TransportError('unreachable', `The server could not be reached (${why}).`);
    }
  };
}
