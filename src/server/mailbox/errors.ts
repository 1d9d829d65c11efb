import type { ResponseStatus } from '../../ews/index.js';

// The message texts Exchange sends with each code, where a capture or the docs show one.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
const TEXTS: Record<string, string> = {
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorToFolderNotFound: 'The destination folder could not be found.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorSyncFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorStaleObject: 'The change key passed in the request does not match the current change key for the item.',
  ErrorChangeKeyRequiredForWriteOperations: 'When making a write request, a change key must be passed in the request.',
  ErrorInvalidChangeKey: 'ChangeKey is invalid.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorFolderExists: 'A folder with the specified name already exists.',
  ErrorDeleteDistinguishedFolder: 'Distinguished folders cannot be deleted.',
  ErrorMoveDistinguishedFolder: 'Cannot move distinguished folder.',
  ErrorMoveCopyFailed: 'The move or copy operation failed.',
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorInvalidRequest: 'The request is invalid.',
  ErrorInvalidRecipients: 'At least one recipient is not valid.',
  ErrorMimeContentConversionFailed: 'MIME content conversion failed.',
  ErrorInvalidOperation: 'The operation is not valid for this item or folder.',
  ErrorInvalidPropertySet: 'This property can not be set.',
  ErrorInvalidPropertyRequest: 'The property request is invalid.',
  ErrorInvalidExtendedPropertyValue: 'The extended property value is inconsistent with its type.',
  ErrorItemSave: 'The item could not be saved.',
  ErrorInvalidAttachmentId: 'The attachment id is not valid.',
  ErrorAttachmentSizeLimitExceeded: 'The attachment is larger than this mailbox accepts.',
  ErrorMessageSizeExceeded: 'The message exceeds the maximum supported size.',
  ErrorImpersonationDenied: 'Impersonation is not available on this server.',
  ErrorCannotDeleteObject: 'The object cannot be deleted.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorInvalidPropertyDelete: 'This property cannot be deleted.',
  ErrorFolderSavePropertyError: 'The folder save operation failed due to invalid property values.',
  ErrorInvalidItemForOperationSendItem: 'The item is not a valid item for SendItem.',
  ErrorSchemaValidation: 'The request failed schema validation.',
};

/** Every ResponseCode this mailbox answers with (each must be in the schema's ResponseCodeType). */
export const RESPONSE_CODES: readonly string[] = Object.keys(TEXTS);

/** An EWS error for one response message (one id of a batch, one operation). */
export class EwsFail extends Error {
  override name = 'EwsFail';
  constructor(
    readonly code: string,
    message = TEXTS[code] ?? code,
    readonly values?: Record<string, string>,
  ) {
    super(message);
  }
}

export const fail = (code: string, message?: string): never => {
  throw new EwsFail(code, message);
};

/** The Error status of a response message, with DescriptiveLinkKey 0 as Exchange sends it. */
export function errorStatus(
  code: string,
  message = TEXTS[code] ?? code,
  values?: Record<string, string>,
): ResponseStatus {
  const s: ResponseStatus = { responseClass: 'Error', responseCode: code, messageText: message, descriptiveLinkKey: 0 };
  if (values) s.messageXml = values;
  return s;
}

export const statusOfFail = (e: EwsFail): ResponseStatus => errorStatus(e.code, e.message, e.values);

export const textOf = (code: string) => TEXTS[code] ?? code;
