import { IMAGE, dataUrl } from './inline-parts.js';

/** Where the Tern server fetches a remote image for the signed-in user (src/server/images/image-proxy.ts). */
export const IMAGE_PROXY_PATH = '/api/image';

// A newsletter has a few dozen pictures; past this many the rest stay blocked rather than the
// page holding hundreds of data: URLs. Four at a time, as a browser would per host.
const MAX_IMAGES = 60;
const PARALLEL = 4;

/**
 * The remote images a person chose to see, fetched by the Tern server rather than by the browser
 * (so the sender learns nothing about the reader), as data: URLs keyed by their address. One that
 * fails or is not a picture is left out, and stays blocked.
 */
export async function loadRemoteImages(urls: readonly string[]): Promise<Map<string, string>> {
  const queue = urls.slice(0, MAX_IMAGES);
  const images = new Map<string, string>();
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        const res = await fetch(`${IMAGE_PROXY_PATH}?url=${encodeURIComponent(url)}`, { credentials: 'same-origin' });
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
        if (res.ok && IMAGE.test(type)) images.set(url, await dataUrl(await res.blob(), type));
      } catch {
        // Offline or the server gone: this one stays blocked.
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return images;
}
