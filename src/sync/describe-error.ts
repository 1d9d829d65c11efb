import { CodecError, SoapFault } from '../ews/index.js';
import type { SyncErrorInfo } from './protocol.js';
import { EwsError, StoppedError, ThrottledError } from './errors.js';
import { TransportError } from './transport.js';

/** 10:42:05, in the device's time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * The one place an error becomes words for people (the `sync-status` event). `retryAt` is when
 * the engine will try again on its own, when it knows.
 */
export function describeError(err: unknown, now: number, retryAt?: number): SyncErrorInfo {
  const at = now;
  const again = retryAt ? ` Trying again at ${clockTime(retryAt)}.` : '';
  if (err instanceof ThrottledError)
    return { kind: 'throttled', at, message: `The server asked us to slow down; retrying at ${clockTime(err.until)}.` };
  if (err instanceof StoppedError)
    switch (err.why) {
      case 'offline':
        return {
          kind: 'offline',
          at,
          message: 'This device is offline. Your changes are kept and sent when it is back.',
        };
      case 'paused':
        return { kind: 'offline', at, message: 'Working offline: nothing is sent or fetched until you resume.' };
      case 'signin-needed':
        return { kind: 'auth', at, message: 'Sign in again to resume syncing; your mail stays here.' };
    }
  if (err instanceof TransportError) {
    switch (err.kind) {
      case 'auth':
        return {
          kind: 'auth',
          at,
          message: 'Your session has ended. Sign in again to resume syncing; your mail stays here.',
        };
      case 'offline':
        return {
          kind: 'offline',
          at,
          message: 'This device is offline. Your changes are kept and sent when it is back.',
        };
      case 'busy':
        return { kind: 'throttled', at, message: `The server is busy.${again}` };
      case 'unreachable':
        return { kind: 'unreachable', at, message: `The server could not be reached.${again}` };
    }
  }
  if (err instanceof SoapFault || err instanceof EwsError)
    return { kind: 'server', at, message: `The server reported a problem (${err.code}).${again}` };
  if (err instanceof CodecError)
    return { kind: 'server', at, message: `The server sent an answer Tern could not read (${err.kind}).` };
  const name = (err as { name?: string; inner?: { name?: string } } | undefined)?.name;
  const inner = (err as { inner?: { name?: string } } | undefined)?.inner?.name;
  // Chrome reports a full disk as an AbortError whose inner error is QuotaExceededError (Dexie #840).
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
    return { kind: 'storage', at, message: 'This device has no room left for more mail. Free some space.' };
  if (name === 'DatabaseClosedError')
    return { kind: 'storage', at, message: 'A newer version of Tern took over the mail store. Reload the page.' };
  return { kind: 'bug', at, message: `Something went wrong in Tern: ${(err as Error)?.message ?? String(err)}` };
}
