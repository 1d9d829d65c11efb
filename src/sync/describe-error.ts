import { CodecError, SoapFault } from '../ews/index.js';
import type { SyncErrorInfo } from './protocol.js';
import { EwsError, StoppedError, ThrottledError, isQuotaError } from './errors.js';
import { TransportError } from './transport.js';

/**
 * The one place an error becomes what pages are told (the `sync-status` and `body-ready`
 * events). `retryAt` is when the engine will try again on its own, when it knows.
 */
export function describeError(err: unknown, at: number, retryAt?: number): SyncErrorInfo {
  const again = retryAt ? { retryAt } : {};
  if (err instanceof ThrottledError) return { kind: 'throttled', at, retryAt: err.until };
  if (err instanceof StoppedError) return err.why === 'signin-needed' ? { kind: 'auth', at } : { kind: err.why, at };
  if (err instanceof TransportError)
    switch (err.kind) {
      case 'auth':
        return { kind: 'auth', at, code: 'expired' };
      case 'offline':
        return { kind: 'offline', at };
      case 'busy':
        return { kind: 'throttled', at, ...again };
      case 'unreachable':
        return { kind: 'unreachable', at, ...again };
    }
  if (err instanceof SoapFault || err instanceof EwsError) return { kind: 'server', at, code: err.code, ...again };
  if (err instanceof CodecError) return { kind: 'unreadable', at, code: err.kind };
  if (isQuotaError(err)) return { kind: 'storage', at, code: 'quota' };
  if ((err as { name?: string } | undefined)?.name === 'DatabaseClosedError')
    return { kind: 'storage', at, code: 'closed' };
  return { kind: 'bug', at, code: (err as Error)?.message ?? String(err) };
}
