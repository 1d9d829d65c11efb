import type { ConnectionState } from '../../sync/protocol.js';
import { connectionOf } from '../connection.js';
import { syncStatus } from '../sync-client.js';
import { online } from '../sync-triggers.js';
import { useStore } from './store.js';

/** The one connection state every view follows (DESIGN.md, "Connection state"). */
export function useConnection(): ConnectionState {
  return connectionOf(useStore(syncStatus), useStore(online));
}
