import { describe, expect, it } from 'vitest';
import { fetchTransport, parseRetryAfter, readResponse, TransportError } from './transport.js';

const xml = '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>';
const res = (status: number, body = xml, headers: Record<string, string> = { 'content-type': 'text/xml' }) =>
  new Response(body, { status, headers });

async function kindOf(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TransportError) return err;
    throw err;
  }
  throw new Error('resolved');
}

describe('readResponse', () => {
  it('returns the body of 200 and of a 500 that carries XML (a SOAP fault)', async () => {
    expect(await readResponse(res(200))).toBe(xml);
    expect(await readResponse(res(500))).toBe(xml);
  });

  it('turns 401 into auth, 503 and 429 into busy with Retry-After', async () => {
    expect((await kindOf(readResponse(res(401, '')))).kind).toBe('auth');
    const busy = await kindOf(readResponse(res(503, 'busy', { 'retry-after': '7' })));
    expect(busy).toMatchObject({ kind: 'busy', status: 503, retryAfterMs: 7000 });
    expect((await kindOf(readResponse(res(429, '')))).kind).toBe('busy');
  });

  it('treats a non-EWS error page as unreachable', async () => {
    const err = await kindOf(readResponse(res(502, '<h1>Bad gateway</h1>', { 'content-type': 'text/html' })));
    expect(err).toMatchObject({ kind: 'unreachable', status: 502 });
    expect((await kindOf(readResponse(res(500, 'Server Error', { 'content-type': 'text/plain' })))).kind).toBe(
      'unreachable',
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('fetchTransport', () => {
  it('posts SOAP with the headers the server checks, with the session cookie', async () => {
    let seen: RequestInit | undefined;
    const t = fetchTransport('/ews', {
      fetch: async (_url, init) => {
        seen = init;
        return res(200);
      },
    });
    expect(await t('<soap/>')).toBe(xml);
    expect(seen).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '<soap/>',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', 'X-Tern-Client': '1' },
    });
  });

  it('reports a network failure as unreachable', async () => {
    const t = fetchTransport('/ews', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect((await kindOf(t('<soap/>'))).kind).toBe('unreachable');
  });

  it('reports an answer that breaks off partway as unreachable', async () => {
    const t = fetchTransport('/ews', {
      fetch: async () => {
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('<?xml version="1.0"?><s:Envelope'));
            c.error(new TypeError('network error'));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/xml' } });
      },
    });
    expect((await kindOf(t('<soap/>'))).kind).toBe('unreachable');
  });

  it('gives up after the timeout, also while the answer is still arriving', async () => {
    const t = fetchTransport('/ews', {
      timeoutMs: 20,
      fetch: async (_url, init) => {
        // The headers came; the body never ends, until the signal aborts the read.
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('<s:Envelope'));
            init?.signal?.addEventListener('abort', () => c.error(init.signal!.reason));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/xml' } });
      },
    });
    const err = await kindOf(t('<soap/>'));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/no answer within/);
  });

  it('gives up after the timeout', async () => {
    const t = fetchTransport('/ews', {
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    const err = await kindOf(t('<soap/>'));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/no answer within/);
  });
});
