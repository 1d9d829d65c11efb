import type { Response } from '../ews/index.js';

/** A response message with ResponseClass="Error" that the engine cannot handle where it arose. */
export class EwsError extends Error {
  override name = 'EwsError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }

  static of(msg: Response<unknown> | undefined, what: string): EwsError {
    if (!msg) return new EwsError('ErrorInternalServerError', `${what}: the server sent no response message`);
    return new EwsError(msg.responseCode, msg.messageText ?? what);
  }
}

/** The server asked for a pause; no request of any kind may go out before `until` (ms). */
export class ThrottledError extends Error {
  override name = 'ThrottledError';
  constructor(readonly until: number) {
    super(`The server asked us to slow down until ${new Date(until).toISOString()}.`);
  }
}

/** Traffic is stopped on purpose: the user paused, the device is offline, or sign-in is needed. */
export class StoppedError extends Error {
  override name = 'StoppedError';
  constructor(readonly why: 'paused' | 'offline' | 'signin-needed') {
    super(`Sync is stopped: ${why}.`);
  }
}

/** SyncFolderItems said ErrorSyncFolderNotFound: the folder is gone on the server. */
export class FolderGoneError extends Error {
  override name = 'FolderGoneError';
  constructor(readonly folderId: string) {
    super(`The folder ${folderId} no longer exists on the server.`);
  }
}

/** Response codes that mean "too much, wait" (exchangelib treats the last two like ErrorServerBusy). */
export const BUSY_CODES: ReadonlySet<string> = new Set([
  'ErrorServerBusy',
  'ErrorExceededConnectionCount',
  'ErrorTooManyObjectsOpened',
]);

/** The browser refused a write for want of room (Chrome wraps it in an AbortError: Dexie #840). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; inner?: { name?: string } } | undefined;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}
