import type { ItemShape } from '../../../ews/index.js';

/** Where items are shown: GetItem returns bodies; FindItem and SyncFolderItems never do. */
export type Purpose = 'get' | 'find' | 'sync';

// The summary FindItem returns for BaseShape Default, after a real Exchange Online capture
// (sample 10), limited to what this mailbox stores.
const SUMMARY = [
  'item:ParentFolderId',
  'item:ItemClass',
  'item:Subject',
  'item:Sensitivity',
  'item:DateTimeReceived',
  'item:Size',
  'item:Importance',
  'item:IsSubmitted',
  'item:IsDraft',
  'item:IsFromMe',
  'item:DateTimeSent',
  'item:DateTimeCreated',
  'item:DisplayCc',
  'item:DisplayTo',
  'item:HasAttachments',
  'item:LastModifiedTime',
  'item:ConversationId',
  'item:Flag',
  'message:Sender',
  'message:IsReadReceiptRequested',
  'message:IsDeliveryReceiptRequested',
  'message:ConversationTopic',
  'message:From',
  'message:InternetMessageId',
  'message:IsRead',
  'calendar:UID',
  'calendar:Start',
  'calendar:End',
  'calendar:IsAllDayEvent',
  'calendar:Location',
];
const GET_DEFAULT = [...SUMMARY, 'item:Body', 'item:Attachments', 'message:ToRecipients', 'message:CcRecipients'];
const MORE = [
  'item:Categories',
  'item:InReplyTo',
  'message:References',
  'message:ReplyTo',
  'message:ToRecipients',
  'message:CcRecipients',
  'message:BccRecipients',
];

// "SyncFolderItems … cannot return properties like Body or Attachments"; FindItem neither.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
const GET_ONLY = new Set([
  'item:Body',
  'item:TextBody',
  'item:UniqueBody',
  'item:NormalizedBody',
  'item:Attachments',
  'item:MimeContent',
  'item:InternetMessageHeaders',
]);

/** The FieldURIs to return for a shape (base set plus AdditionalProperties). */
export function wantedFields(shape: ItemShape, purpose: Purpose): Set<string> {
  const base =
    shape.baseShape === 'IdOnly'
      ? []
      : shape.baseShape === 'Default'
        ? purpose === 'get'
          ? GET_DEFAULT
          : SUMMARY
        : purpose === 'get'
          ? [...GET_DEFAULT, ...MORE, 'item:InternetMessageHeaders']
          : [...SUMMARY, ...MORE, 'item:Preview'];
  const out = new Set(base);
  for (const p of shape.additionalProperties ?? []) if ('fieldURI' in p && !('fieldIndex' in p)) out.add(p.fieldURI);
  if (shape.includeMimeContent) out.add('item:MimeContent');
  if (purpose !== 'get') for (const f of GET_ONLY) out.delete(f);
  return out;
}
