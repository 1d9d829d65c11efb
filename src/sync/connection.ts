import type { ConnectionState } from './protocol.js';
import type { Outcome } from './client.js';

export interface ConnectionInputs {
  /** The user chose "work offline". */
  paused: boolean;
  /** `navigator.onLine`, or what a page last said (the worker gets no online/offline events). */
  networkOnline: boolean;
  /** What the last request showed; undefined before the first. */
  lastOutcome?: Outcome;
  /** The shared back-off, if any. */
  throttledUntil?: number;
  now: number;
}

/**
 * The connection state, derived in one place. The user's choice wins, then what the device
 * knows, then what the server said: sign-in needed stays until a request succeeds; a back-off
 * shows until it has passed.
 */
export function deriveConnection(i: ConnectionInputs): ConnectionState {
  if (i.paused) return { kind: 'paused' };
  if (!i.networkOnline || i.lastOutcome === 'offline') return { kind: 'offline' };
  if (i.lastOutcome === 'auth') return { kind: 'signin-needed' };
  if (i.throttledUntil !== undefined && i.throttledUntil > i.now) return { kind: 'throttled', until: i.throttledUntil };
  if (i.lastOutcome === 'unreachable') return { kind: 'unreachable' };
  return { kind: 'online' };
}
