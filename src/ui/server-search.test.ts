import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchServer } from './server-search.js';

afterEach(() => vi.unstubAllGlobals());

const answer = (body: BodyInit, status = 200, headers: Record<string, string> = {}) =>
  vi.stubGlobal('fetch', async () => new Response(body, { status, headers }));

describe('searchServer', () => {
  it('reads the ids and whether they are all the matches', async () => {
    answer(JSON.stringify({ ids: ['a', 7, 'b'], complete: true }), 200, { 'content-type': 'application/json' });
    expect(await searchServer('pangolin')).toEqual({ kind: 'found', ids: ['a', 'b'], complete: true });
  });

  it('says busy with the wait the server gave, and signed out on 401', async () => {
    answer('busy', 503, { 'retry-after': '30' });
    expect(await searchServer('x y')).toEqual({ kind: 'busy', retryAfterSec: 30 });
    answer('', 401);
    expect(await searchServer('x y')).toEqual({ kind: 'signin-needed' });
  });

  it('treats an answer that breaks off partway as no answer', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"ids":["a",'));
        c.error(new TypeError('network error'));
      },
    });
    answer(body);
    expect(await searchServer('pangolin')).toEqual({ kind: 'unreachable' });
  });

  it('says what came when a 200 is not a search result (a portal page), rather than failing silently', async () => {
    answer('<html>Sign in to the Wi-Fi</html>', 200, { 'content-type': 'text/html' });
    expect(await searchServer('pangolin')).toEqual({ kind: 'failed', message: 'its answer was unreadable (HTTP 200)' });
  });

  it('passes an abort on, so a newer search can take over', async () => {
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      init.signal?.throwIfAborted();
      return new Response('{}');
    });
    const controller = new AbortController();
    controller.abort();
    await expect(searchServer('pangolin', controller.signal)).rejects.toThrow();
  });
});
