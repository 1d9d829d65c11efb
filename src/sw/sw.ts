import { isCommand, type AlertData, type SyncEvent } from '../sync/protocol.js';
import { alertAddress } from './alert-address.js';
import { createPrecache, type PrecacheEntry } from './precache.js';
import { engine, setPaused } from './worker-engine.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

/** Tags pages register for Background Sync and Periodic Background Sync (src/ui/sync-client.ts). */
const SYNC_TAG = 'tern-sync';
const PERIODIC_TAG = 'tern-poll';

// The app shell, hashed by the build: the app opens with no network after one visit.
const shell = createPrecache(self.__WB_MANIFEST, {
  caches: self.caches,
  fetch: (request) => fetch(request),
  scope: self.registration.scope,
});
self.addEventListener('install', (e) => e.waitUntil(shell.install()));

// Every app address is the one page; the server's own endpoints (downloads under /attachments/
// too) always go to the network.
const SERVER_PATHS = /^\/(ews|EWS\/|api\/|signin|admin\/|attachments\/|healthz)/;

self.addEventListener('fetch', (e) => {
  const { request } = e;
  if (request.method !== 'GET') return;
  const cached = shell.handle(request);
  if (cached) return e.respondWith(cached);
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && !SERVER_PATHS.test(url.pathname)) {
    const index = new Request(new URL('/index.html', url));
    return e.respondWith(shell.handle(index) ?? fetch(index));
  }
  // Anything else (downloads under /attachments/ included) is the server's to answer.
});

// No automatic skipWaiting: a new version waits until the page's "Reload" (workbox-window's
// messageSkipWaiting). Claiming matters only on the first install, when no older worker exists.
self.addEventListener('activate', (e) => e.waitUntil(shell.activate().then(() => self.clients.claim())));

self.addEventListener('message', (e: ExtendableMessageEvent) => {
  const data: unknown = e.data;
  if ((data as { type?: unknown } | null)?.type === 'SKIP_WAITING') {
    e.waitUntil(self.skipWaiting());
  } else if (isCommand(data, 'sync-now')) {
    e.waitUntil(engine().then((en) => en.runPass(data.reason, data.folderId ? { folderId: data.folderId } : {})));
  } else if (isCommand(data, 'network-changed')) {
    e.waitUntil(engine().then((en) => en.setOnline(data.online)));
  } else if (isCommand(data, 'set-paused')) {
    e.waitUntil(setPaused(data.paused));
  } else if (isCommand(data, 'fetch-body')) {
    e.waitUntil(engine().then((en) => en.fetchBody(data.messageId)));
  } else if (isCommand(data, 'claim')) {
    e.waitUntil(self.clients.claim());
  } else if (isCommand(data, 'get-status')) {
    e.waitUntil(engine().then((en) => en.refreshStatus()));
  }
});

// A rejected promise asks the browser to fire `sync` again later (with its own back-off):
// do so while the server cannot be reached and changes are still waiting.
async function backgroundPass(): Promise<void> {
  const en = await engine();
  const report = await en.runPass('background');
  const kind = report.error?.kind;
  if ((kind === 'offline' || kind === 'unreachable') && en.status().pendingOutbox > 0) throw new Error(`sync: ${kind}`);
}

self.addEventListener('sync', (e) => {
  if (e.tag === SYNC_TAG) e.waitUntil(backgroundPass());
});

self.addEventListener('periodicsync', (e) => {
  if (e.tag === PERIODIC_TAG) e.waitUntil(engine().then((en) => en.runPass('background')));
});

// A new-mail notification opens its mail in a window of the app, or in a new one.
self.addEventListener('notificationclick', (e) => {
  e.notification.close();
  const data = e.notification.data as AlertData | null;
  if (data?.folderId)
    e.waitUntil(
      self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async ([w]) => {
        if (!w) return void (await self.clients.openWindow(alertAddress(data)));
        await w.focus();
        w.postMessage({ type: 'open-mail', ...data } satisfies SyncEvent);
      }),
    );
});
