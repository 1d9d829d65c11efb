import { describe, expect, it } from 'vitest';
import { createPrecache, type PrecacheEntry, type PrecacheHost } from './precache.js';

const SCOPE = 'https://tern.test/';

/** The Cache API as a browser keeps it, in memory (Node has Request and Response, not caches). */
class MemoryCaches implements Pick<CacheStorage, 'open' | 'keys' | 'delete'> {
  readonly stores = new Map<string, Map<string, Response>>();
  /** URLs stored with a response that still says it was redirected. */
  readonly redirected: string[] = [];
  async open(name: string): Promise<Cache> {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new Map()));
    const s = store;
    const url = (r: RequestInfo | URL) => (r instanceof Request ? r.url : new URL(r).href);
    return {
      match: async (r: RequestInfo | URL) => s.get(url(r))?.clone(),
      put: async (r: RequestInfo | URL, response: Response) => {
        if (response.redirected) this.redirected.push(url(r));
        s.set(url(r), response);
      },
      keys: async () => [...s.keys()].map((u) => new Request(u)),
      delete: async (r: RequestInfo | URL) => s.delete(url(r)),
    } as unknown as Cache;
  }
  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }
}

/** A server of fixed bodies that counts what it was asked for. */
function server(bodies: Record<string, string | number>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const body = bodies[new URL(request.url).pathname];
    if (typeof body === 'number') return new Response('nope', { status: body });
    return body === undefined ? new Response('missing', { status: 404 }) : new Response(body);
  };
  return { requests, fetch };
}

function setup(entries: PrecacheEntry[], bodies: Record<string, string | number>, caches = new MemoryCaches()) {
  const net = server(bodies);
  const host: PrecacheHost = { caches: caches as unknown as CacheStorage, fetch: net.fetch, scope: SCOPE };
  return { shell: createPrecache(entries, host), caches, net };
}

const text = async (r: Promise<Response> | undefined) => (await r)?.text();
const get = (path: string) => new Request(new URL(path, SCOPE));

const MANIFEST: PrecacheEntry[] = [
  { url: 'index.html', revision: 'r1' },
  { url: 'assets/app-abc.js', revision: null },
];
const FILES = { '/index.html': '<html>v1', '/assets/app-abc.js': 'app()' };

describe('precache', () => {
  it('downloads every entry on install, under Workbox cache keys, the revisioned ones past the HTTP cache', async () => {
    const { shell, caches, net } = setup(MANIFEST, FILES);
    await shell.install();
    expect(shell.cacheName).toBe(`workbox-precache-v2-${SCOPE}`);
    expect([...caches.stores.get(shell.cacheName)!.keys()].sort()).toEqual([
      `${SCOPE}assets/app-abc.js`,
      `${SCOPE}index.html?__WB_REVISION__=r1`,
    ]);
    const modes = Object.fromEntries(net.requests.map((r) => [new URL(r.url).pathname, r.cache]));
    expect(modes).toEqual({ '/index.html': 'reload', '/assets/app-abc.js': 'default' });
  });

  it('answers listed URLs and directories from the cache, with no request', async () => {
    const { shell, net } = setup(MANIFEST, FILES);
    await shell.install();
    net.requests.length = 0;
    expect(await text(shell.handle(get('/index.html')))).toBe('<html>v1');
    expect(await text(shell.handle(get('/')))).toBe('<html>v1');
    expect(await text(shell.handle(get('/index.html#top')))).toBe('<html>v1');
    expect(await text(shell.handle(get('/assets/app-abc.js')))).toBe('app()');
    expect(net.requests).toHaveLength(0);
    // Not listed: left to the network, or for a page, to the worker's navigation fallback.
    expect(shell.handle(get('/assets/other.js'))).toBeUndefined();
    expect(shell.handle(get('/index.html?folder=inbox'))).toBeUndefined();
    expect(shell.handle(get('/index'))).toBeUndefined();
  });

  it('goes to the network for a listed URL the cache lost', async () => {
    const { shell, caches, net } = setup(MANIFEST, FILES);
    await shell.install();
    await (await caches.open(shell.cacheName)).delete(`${SCOPE}assets/app-abc.js`);
    expect(await text(shell.handle(get('/assets/app-abc.js')))).toBe('app()');
    expect(net.requests.map((r) => new URL(r.url).pathname)).toContain('/assets/app-abc.js');
  });

  it('fails the install when an entry cannot be downloaded', async () => {
    const { shell } = setup(MANIFEST, { ...FILES, '/assets/app-abc.js': 500 });
    await expect(shell.install()).rejects.toThrow(/app-abc\.js: HTTP 500/);
  });

  it('refuses a manifest that lists one URL with two revisions', () => {
    const twice = [...MANIFEST, { url: '/index.html', revision: 'r2' }];
    expect(() => setup(twice, FILES)).toThrow(/twice/);
  });

  it('a new version downloads only what changed, keeps the old entries until it activates, then drops them', async () => {
    const caches = new MemoryCaches();
    const v1 = setup(MANIFEST, FILES, caches);
    await v1.shell.install();
    await v1.shell.activate();
    await caches.open(`workbox-precache-${SCOPE}`); // an older Workbox format's cache
    await caches.open('tern-other');

    // As the build writes it now: hashed assets without `revision` (the same key as null).
    const v2Manifest = [
      { url: 'index.html', revision: 'r2' },
      { url: 'assets/app-abc.js' },
      { url: 'assets/app-def.js' },
    ];
    const v2 = setup(v2Manifest, { ...FILES, '/index.html': '<html>v2', '/assets/app-def.js': 'more()' }, caches);
    await v2.shell.install();
    expect(v2.net.requests.map((r) => new URL(r.url).pathname).sort()).toEqual(['/assets/app-def.js', '/index.html']);
    // Waiting: the running version still answers from the same cache.
    expect(await text(v1.shell.handle(get('/')))).toBe('<html>v1');

    await v2.shell.activate();
    expect([...caches.stores.get(v2.shell.cacheName)!.keys()].sort()).toEqual([
      `${SCOPE}assets/app-abc.js`,
      `${SCOPE}assets/app-def.js`,
      `${SCOPE}index.html?__WB_REVISION__=r2`,
    ]);
    expect(await caches.keys()).toEqual([v2.shell.cacheName, 'tern-other']);
    expect(await text(v2.shell.handle(get('/')))).toBe('<html>v2');
  });

  it('stores a redirected response as a plain copy a navigation may use', async () => {
    const { shell, caches } = setup([{ url: 'index.html', revision: 'r1' }], {});
    const redirected = new Response('<html>moved');
    Object.defineProperty(redirected, 'redirected', { value: true });
    const host = { caches: caches as unknown as CacheStorage, fetch: async () => redirected, scope: SCOPE };
    const moved = createPrecache([{ url: 'index.html', revision: 'r1' }], host);
    await moved.install();
    const stored = await (await caches.open(shell.cacheName)).match(`${SCOPE}index.html?__WB_REVISION__=r1`);
    expect(caches.redirected).toEqual([]);
    expect(await stored?.text()).toBe('<html>moved');
  });
});
