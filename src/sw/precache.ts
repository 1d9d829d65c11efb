/**
 * The app shell cache: what `precacheAndRoute` from workbox-precaching did, in the few lines this
 * app needs (with workbox-core, -strategies and -routing it cost the worker 4.5 KB gzipped).
 * It keeps Workbox's cache name and cache keys, so an installed app upgrading from the Workbox
 * build finds its cache as it left it and downloads only what changed.
 * @see https://developer.chrome.com/docs/workbox/modules/workbox-precaching
 */

/** One entry of `self.__WB_MANIFEST`, as vite-plugin-pwa injects it. */
export interface PrecacheEntry {
  url: string;
  /** Absent (or null) for a URL that is versioned by its name (hashed assets). */
  revision?: string | null;
  integrity?: string;
}

/** What the shell cache needs from the worker's global scope (a parameter so tests can give their own). */
export interface PrecacheHost {
  caches: CacheStorage;
  fetch: (request: Request) => Promise<Response>;
  /** The registration scope: cache names and relative URLs are resolved against it. */
  scope: string;
}

// workbox-precaching/utils/createCacheKey.js and workbox-core/_private/cacheNames.js.
const REVISION_PARAM = '__WB_REVISION__';

export interface Precache {
  readonly cacheName: string;
  /** Downloads every entry not cached yet; rejects (failing the install) if one cannot be had. */
  install(): Promise<void>;
  /** Drops entries of earlier versions and caches of older precache formats. */
  activate(): Promise<void>;
  /**
   * The answer to a GET of a listed URL (or of a directory whose index.html is listed): the cached
   * copy, or the network's when the cache lost it. Undefined for a URL the shell does not list.
   * Workbox also tries `x.html` for `x` and drops `utm_` parameters; for this app the worker's
   * navigation fallback (sw.ts) answers those addresses with the same page.
   */
  handle(request: Request): Promise<Response> | undefined;
}

export function createPrecache(entries: readonly PrecacheEntry[], host: PrecacheHost): Precache {
  const cacheName = `workbox-precache-v2-${host.scope}`;
  /** URL (without revision) → cache key (with it), as Workbox keeps them. */
  const keys = new Map<string, { key: string; entry: PrecacheEntry }>();
  for (const entry of entries) {
    const url = new URL(entry.url, host.scope);
    const key = new URL(url);
    if (entry.revision) key.searchParams.set(REVISION_PARAM, entry.revision);
    const known = keys.get(url.href);
    if (known && known.key !== key.href) throw new Error(`The precache lists ${url.href} twice with two revisions.`);
    keys.set(url.href, { key: key.href, entry });
  }
  const open = () => host.caches.open(cacheName);

  return {
    cacheName,

    async install() {
      const cache = await open();
      await Promise.all(
        [...keys].map(async ([url, { key, entry }]) => {
          if (await cache.match(key)) return;
          // A revisioned URL's name does not change with its content: skip the HTTP cache.
          const request = new Request(url, {
            cache: entry.revision ? 'reload' : 'default',
            credentials: 'same-origin',
            integrity: entry.integrity,
          });
          const response = await host.fetch(request);
          if (!response.ok) throw new Error(`Could not cache ${url}: HTTP ${response.status}.`);
          await cache.put(key, response.redirected ? await unredirected(response) : response);
        }),
      );
    },

    async activate() {
      const expected = new Set([...keys.values()].map((k) => k.key));
      const cache = await open();
      for (const request of await cache.keys()) if (!expected.has(request.url)) await cache.delete(request);
      // workbox-precaching's cleanupOutdatedCaches: earlier formats' caches for this scope.
      const names = await host.caches.keys();
      await Promise.all(
        names
          .filter((n) => n.includes('-precache-') && n.includes(host.scope) && n !== cacheName)
          .map((n) => host.caches.delete(n)),
      );
    },

    handle(request) {
      const url = new URL(request.url);
      url.hash = '';
      if (url.pathname.endsWith('/')) url.pathname += 'index.html';
      const hit = keys.get(url.href);
      return hit && open().then(async (cache) => (await cache.match(hit.key)) ?? host.fetch(request));
    },
  };
}

/**
 * A browser refuses a redirected response as the answer to a navigation, so one that was
 * redirected is stored as a plain copy (workbox-core/copyResponse.js).
 */
async function unredirected(response: Response): Promise<Response> {
  const { headers, status, statusText } = response;
  return new Response(await response.blob(), { headers, status, statusText });
}
