import type { ConnectionState, SyncStatus } from '../sync/protocol.js';

/**
 * The state the status bar shows. The worker derives it (src/sync), but the page hears
 * online/offline first, so a page that knows it is offline says so at once.
 */
export function connectionOf(status: SyncStatus | undefined, online: boolean): ConnectionState {
  const worker = status?.connection;
  if (worker?.kind === 'paused') return worker;
  if (!online) return { kind: 'offline' };
  if (!worker || worker.kind === 'offline') return { kind: 'online' };
  return worker;
}

/** Whether the page may make a request of its own: not with no network, nor while the user works offline. */
export function mayUseNetwork(connection: ConnectionState): boolean {
  return connection.kind !== 'offline' && connection.kind !== 'paused';
}
