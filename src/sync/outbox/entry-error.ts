import type { ResponseStatus } from '../ews/index.js';

/** One outbox entry failed on the server; the others go on. The message is for people. */
export class EntryError extends Error {
  override name = 'EntryError';
}

const PLAIN: Record<string, string> = {
  ErrorItemNotFound: 'The message no longer exists on the server.',
  ErrorFolderNotFound: 'The folder no longer exists on the server.',
  ErrorFolderExists: 'A folder with this name already exists there on the server.',
  ErrorAccessDenied: 'The server refused the change: no permission.',
  ErrorQuotaExceeded: 'The mailbox on the server is full.',
  ErrorInvalidRecipients: 'The server could not accept one of the recipients.',
  ErrorMessageSizeExceeded: 'The message is larger than the server accepts.',
  ErrorIrresolvableConflict: 'The message was changed elsewhere at the same time.',
  ErrorStaleObject: 'The message was changed elsewhere at the same time.',
};

/** A response message error in plain words. */
export function plainError(s: Pick<ResponseStatus, 'responseCode' | 'messageText'> | undefined): string {
  if (!s) return 'The server did not answer for this change.';
  return (
    PLAIN[s.responseCode] ??
    `The server refused the change (${s.responseCode}${s.messageText ? `: ${s.messageText}` : ''}).`
  );
}

/** Codes after which a write with a fresh ChangeKey may succeed. */
export const CONFLICT_CODES: ReadonlySet<string> = new Set([
  'ErrorIrresolvableConflict',
  'ErrorStaleObject',
  'ErrorChangeKeyRequiredForWriteOperations',
  'ErrorInvalidChangeKey',
]);
