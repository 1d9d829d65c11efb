import type { ResponseStatus } from '../../ews/index.js';
import type { OutboxReason } from '../../db/index.js';

/**
 * How an attempt at an entry ended when it did not succeed. `park`: it cannot succeed as it is
 * (the folder is gone, the server rejects it); `retry`: the server answered with trouble that may
 * pass; `wait`: it needs something that has not reached the server yet (no attempt is counted).
 * The reason is data; the Outbox view words it.
 */
export type Failure = { kind: 'park' | 'retry' | 'wait'; reason: OutboxReason };

/** One outbox entry failed on the server; the others go on. */
export class EntryError extends Error {
  override name = 'EntryError';
  constructor(readonly failure: Failure) {
    super(failure.reason.code);
  }

  static park(reason: OutboxReason): EntryError {
    return new EntryError({ kind: 'park', reason });
  }

  static retry(reason: OutboxReason): EntryError {
    return new EntryError({ kind: 'retry', reason });
  }
}

/** What a response message's error says: its code and text, or that there was none. */
export const refusal = (s: Pick<ResponseStatus, 'responseCode' | 'messageText'> | undefined): OutboxReason =>
  s ? { code: 'refused', ews: s.responseCode, detail: s.messageText } : { code: 'no-answer' };

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
  const reason = refusal(s);
  return s && PERMANENT.has(s.responseCode) ? { kind: 'park', reason } : { kind: 'retry', reason };
}

/** Codes meaning the folder named as a target or parent does not exist (Exchange 2010 answers the last). */
export const FOLDER_GONE: ReadonlySet<string> = new Set([
  'ErrorToFolderNotFound',
  'ErrorFolderNotFound',
  'ErrorParentFolderNotFound',
  'ErrorItemNotFound',
]);
