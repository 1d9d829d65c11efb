import type { SyncReason } from '../sync/protocol.js';
import { createStore } from './hooks/store.js';
import { settings } from './settings.js';
import { requestPeriodicSync, send, syncStatus } from './sync-client.js';

/** What the page knows about the network; the worker gets no online/offline events, so we tell it. */
export const online = createStore(typeof navigator === 'undefined' ? true : navigator.onLine);

/** The folder on screen: polls sync it along with the Inbox. */
export const openFolder = createStore<string | undefined>(undefined);

let started = false;

/**
 * After the network returns, the first request often fails while it settles (Wi-Fi joining, DNS,
 * a VPN coming up): try again this soon after, rather than at the next poll, while the server
 * is still out of reach.
 */
export const SETTLE_RETRY_MS = [3_000, 10_000, 30_000];

/** Asks the worker for a pass; before start-up has run, the start-up pass will cover it. */
export function requestSync(reason: SyncReason): void {
  if (!started) return;
  const folderId = openFolder.get();
  send({ type: 'sync-now', reason, ...(folderId !== undefined && { folderId }) });
}

/**
 * A pass on load, when the network returns, when the page comes back into view or gets the focus,
 * and every `pollSeconds` while it is open, hidden included: a minimised app's badge counts new
 * mail too (browsers slow a hidden page's timers to about once a minute anyway). Passes are
 * single-flight in the worker, and a poll is skipped when any tab's pass ended within half the
 * interval, so several tabs share one pass a minute.
 */
export function startSyncTriggers(): void {
  if (started) return;
  started = true;
  let settling: ReturnType<typeof setTimeout>[] = [];
  const setOnline = (value: boolean) => {
    online.set(value);
    send({ type: 'network-changed', online: value });
    settling.forEach(clearTimeout);
    settling = [];
    if (!value) return;
    requestSync('online');
    settling = SETTLE_RETRY_MS.map((ms) =>
      setTimeout(() => {
        if (navigator.onLine && syncStatus.get()?.connection.kind === 'unreachable') requestSync('online');
      }, ms),
    );
  };
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
  // The network may have come or gone while the page loaded, before anyone listened.
  online.set(navigator.onLine);
  send({ type: 'network-changed', online: navigator.onLine });
  requestSync('startup');
  requestPeriodicSync();

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') requestSync('focus');
  });
  // Coming back from another window that left this one in view.
  window.addEventListener('focus', () => requestSync('focus'));

  let timer: ReturnType<typeof setInterval> | undefined;
  const schedule = (seconds: number) => {
    clearInterval(timer);
    timer = setInterval(() => {
      const last = syncStatus.get()?.lastSynced;
      const fresh = last !== undefined && Date.now() - last < (seconds * 1000) / 2;
      if (navigator.onLine && !fresh) requestSync('poll');
    }, seconds * 1000);
  };
  schedule(settings.get().pollSeconds);
  let last = settings.get().pollSeconds;
  settings.subscribe((s) => {
    if (s.pollSeconds !== last) schedule((last = s.pollSeconds));
  });
}
