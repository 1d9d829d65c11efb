import type { Command, SyncEvent, SyncStatus } from '../sync/protocol.js';
import { createStore } from './hooks/store.js';
import { navigate } from './route.js';

/**
 * The page side of src/sync/protocol.ts: commands go to the service worker, status comes back.
 * Data never travels here: the worker writes IndexedDB and the page's live queries re-run.
 */

/** The worker's last status; undefined until it has spoken. */
export const syncStatus = createStore<SyncStatus | undefined>(undefined);

type BodyReady = Extract<SyncEvent, { type: 'body-ready' }>;
const bodyListeners = new Set<(e: BodyReady) => void>();

export function onBodyReady(listener: (e: BodyReady) => void): () => void {
  bodyListeners.add(listener);
  return () => bodyListeners.delete(listener);
}

function isSyncEvent(data: unknown): data is SyncEvent {
  const type = (data as { type?: unknown } | null)?.type;
  return type === 'sync-status' || type === 'body-ready' || type === 'open-mail';
}

/**
 * Sends a command to the active worker. Before the worker controls this page (the very first
 * visit) it still receives messages through the registration; commands wait for it to be ready.
 */
export function send(command: Command): void {
  if (!('serviceWorker' in navigator)) return;
  const controller = navigator.serviceWorker.controller;
  if (controller) {
    controller.postMessage(command);
    return;
  }
  void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage(command));
}

let listening = false;

/** Starts listening to the worker (once per page). */
export function listenToWorker(): void {
  if (listening || !('serviceWorker' in navigator)) return;
  listening = true;
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent) => {
    if (!isSyncEvent(e.data)) return;
    const event = e.data;
    if (event.type === 'sync-status') syncStatus.set(event);
    else if (event.type === 'open-mail')
      navigate({ view: 'mail', folderId: event.folderId, ...(event.messageId && { messageId: event.messageId }) });
    else for (const l of [...bodyListeners]) l(event);
  });
  // Messages from the worker are held until the page opts in.
  // https://w3c.github.io/ServiceWorker/#dom-serviceworkercontainer-startmessages
  navigator.serviceWorker.startMessages();
  // protocol.ts types this command's payload as Record<string, never>, which no object with a
  // `type` satisfies; the cast sends exactly what the worker expects.
  send({ type: 'get-status' });
}

/** Background Sync and Periodic Background Sync tags (handled in src/sw/sw.ts). */
const SYNC_TAG = 'tern-sync';
const PERIODIC_TAG = 'tern-poll';
// Chromium grants periodic sync only to installed apps, at most about this often anyway.
const PERIODIC_MIN_MS = 15 * 60 * 1000;

interface SyncManagers {
  sync?: { register(tag: string): Promise<void> };
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
}

/**
 * Asks the browser to wake the worker when the network returns, so changes made offline leave
 * even if every tab is closed by then. Where it is not supported, the next open page does it.
 */
export function requestBackgroundSync(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((reg) => (reg as ServiceWorkerRegistration & SyncManagers).sync?.register(SYNC_TAG))
    .catch(() => undefined);
}

/** Background polling where the browser grants it (installed apps); the UI never promises it. */
export function requestPeriodicSync(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((reg) =>
      (reg as ServiceWorkerRegistration & SyncManagers).periodicSync?.register(PERIODIC_TAG, {
        minInterval: PERIODIC_MIN_MS,
      }),
    )
    .catch(() => undefined);
}
