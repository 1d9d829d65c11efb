import type { SyncEvent } from '../sync/protocol.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * Sends an event to every window of the app, including one the worker does not control yet
 * (the very first visit), so every tab sees the same status.
 */
export async function broadcast(event: SyncEvent): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const w of windows) w.postMessage(event);
}
