import type { ResponseStatus } from '../../ews/index.js';

/**
 * How an attempt at an entry ended when it did not succeed. `park`: it cannot succeed as it is
 * (the folder is gone, the server rejects it); `retry`: the server answered with trouble that may
 * pass; `wait`: it needs something that has not reached the server yet (no attempt is counted).
 */
export type Failure = { kind: 'park' | 'retry' | 'wait'; reason: string };

/** One outbox entry failed on the server; the others go on. The reason is for people. */
export class EntryError extends Error {
  override name = 'EntryError';
  constructor(readonly failure: Failure) {
    super(failure.reason);
  }

  static park(reason: string): EntryError {
    return new EntryError({ kind: 'park', reason });
  }

  static retry(reason: string): EntryError {
    return new EntryError({ kind: 'retry', reason });
  }
}

const PLAIN: Record<string, string> = {
  ErrorItemNotFound: 'The message no longer exists on the server.',
  ErrorFolderNotFound: 'The folder no longer exists on the server.',
  ErrorToFolderNotFound: 'The folder no longer exists on the server.',
  ErrorParentFolderNotFound: 'The folder no longer exists on the server.',
  ErrorFolderExists: 'A folder with this name already exists there on the server.',
  ErrorAccessDenied: 'The server refused the change: no permission.',
  ErrorQuotaExceeded: 'The mailbox on the server is full.',
  ErrorInvalidRecipients: 'The server could not accept one of the recipients.',
  ErrorMessageSizeExceeded: 'The message is larger than the server accepts.',
  ErrorIrresolvableConflict: 'The message was changed elsewhere at the same time.',
  ErrorStaleObject: 'The message was changed elsewhere at the same time.',
  ErrorDeleteDistinguishedFolder: 'The server does not let this folder be deleted.',
  ErrorMoveDistinguishedFolder: 'The server does not let this folder be moved.',
  ErrorSendAsDenied: 'The server does not let you send as this sender.',
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

/**
 * Codes that will answer the same however often the change is sent: the entry is parked for the
 * user. Anything else may pass (a store hiccup, a timeout) and is tried again later, a few times.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
 */
const PERMANENT: ReadonlySet<string> = new Set([
  'ErrorAccessDenied',
  'ErrorAttachmentSizeLimitExceeded',
  'ErrorCannotDeleteObject',
  'ErrorDeleteDistinguishedFolder',
  'ErrorFolderExists',
  'ErrorFolderNotFound',
  'ErrorInvalidExtendedPropertyValue',
  'ErrorInvalidId',
  'ErrorInvalidIdMalformed',
  'ErrorInvalidItemForOperationSendItem',
  'ErrorInvalidOperation',
  'ErrorInvalidPropertyDelete',
  'ErrorInvalidPropertyRequest',
  'ErrorInvalidPropertySet',
  'ErrorInvalidRecipients',
  'ErrorInvalidRequest',
  'ErrorMessageSizeExceeded',
  'ErrorMessageSubmissionBlocked',
  'ErrorMoveDistinguishedFolder',
  'ErrorParentFolderNotFound',
  'ErrorQuotaExceeded',
  'ErrorSchemaValidation',
  'ErrorSendAsDenied',
  'ErrorToFolderNotFound',
]);

/** The failure a response code means (not for "not found" or conflicts, which callers handle first). */
export function failureOf(s: Pick<ResponseStatus, 'responseCode' | 'messageText'> | undefined): Failure {
  const reason = plainError(s);
  return s && PERMANENT.has(s.responseCode) ? { kind: 'park', reason } : { kind: 'retry', reason };
}

/** Codes meaning the folder named as a target or parent does not exist (Exchange 2010 answers the last). */
export const FOLDER_GONE: ReadonlySet<string> = new Set([
  'ErrorToFolderNotFound',
  'ErrorFolderNotFound',
  'ErrorParentFolderNotFound',
  'ErrorItemNotFound',
]);
