import type { TrustedScriptURL, TrustedTypePolicyFactory } from 'trusted-types/lib';
import type { Command } from '../sync/protocol.js';
import { createStore } from './hooks/store.js';

const WORKER = '/sw.js';
const DEV_WORKER = '/dev-sw.js?dev-sw';

// Trusted Types (SECURITY.md §10.1): registering a worker takes a TrustedScriptURL under the app's
// CSP, and this policy makes one of Tern's own worker and nothing else, so an injected script
// cannot install a worker of its choosing (§5.7).
const workerPolicy = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes?.createPolicy(
  'tern-worker',
  {
    createScriptURL: (url) => {
      if (url !== WORKER && url !== DEV_WORKER)
        throw new TypeError(`Tern registers no worker but its own, not ${url}.`);
      return url;
    },
  },
);

function workerUrl(url: string): TrustedScriptURL | string {
  return workerPolicy?.createScriptURL(url) ?? url;
}

/** Set when a new worker is installed and waiting: calling it activates the worker and reloads. */
export const updateReady = createStore<(() => void) | undefined>(undefined);

/**
 * Registers the worker without skipWaiting: a new version waits until the user chooses to reload,
 * so a page never runs against a worker (and precache) from another build (SECURITY.md §6.5).
 * workbox-window comes in its own chunk: registering need not hold up the first screen, which
 * Workbox itself advises (register after the page has loaded).
 * @see https://developer.chrome.com/docs/workbox/service-worker-lifecycle#registration
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = import.meta.env.DEV
    ? new Workbox(workerUrl(DEV_WORKER), { type: 'module' })
    : new Workbox(workerUrl(WORKER), { scope: '/' });
  wb.addEventListener('waiting', () => {
    updateReady.set(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  // Another tab's "Reload" activated the new worker: this page now runs the old build's code under
  // it, and the old build's files are gone from the cache. Its own Reload must then simply reload
  // (no worker waits any more for it to activate).
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) updateReady.set(() => window.location.reload());
  });
  await wb.register();
  // The first install claims open pages on activation; one still loading then is missed.
  const registration = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) registration.active?.postMessage({ type: 'claim' } satisfies Command);
}
