import type { FolderShape, ItemShape, PropertyPath } from '../ews/index.js';

const field = (fieldURI: string): PropertyPath => ({ fieldURI });

/**
 * What a message list needs, nothing more. `item:Preview` and `item:Flag` need an Exchange 2013
 * request version; Preview is not in the default shapes and must be asked for.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/preview-ex15websvcsotherref
 */
export const SUMMARY_PROPERTIES: PropertyPath[] = [
  'item:ItemClass',
  'item:Subject',
  'item:DateTimeReceived',
  'item:Size',
  'item:Importance',
  'item:IsDraft',
  'item:DateTimeSent',
  'item:HasAttachments',
  'item:ConversationId',
  'item:Flag',
  'item:Preview',
  'message:ToRecipients',
  'message:CcRecipients',
  // Empty on received mail (so nearly free); a draft needs it to be edited without losing Bcc.
  'message:BccRecipients',
  'message:From',
  // Where replies go when the sender asked (lists, forms, help desks); absent on most mail.
  'message:ReplyTo',
  'message:InternetMessageId',
  'message:IsRead',
  // The labels Outlook's users sort mail with; absent on most mail.
  'item:Categories',
].map(field);

/** Sync pages carry ids and ChangeKeys only: one database call per page on Exchange. */
export const ID_ONLY: ItemShape = { baseShape: 'IdOnly' };

/** The summary properties inline in SyncFolderItems (setting `summaryInline`). */
export const INLINE_SUMMARY: ItemShape = { baseShape: 'IdOnly', additionalProperties: SUMMARY_PROPERTIES };

export const SUMMARY_SHAPE: ItemShape = { baseShape: 'IdOnly', additionalProperties: SUMMARY_PROPERTIES };

/** Bodies for reading offline: HTML when the message has it, and the attachment list. */
export const BODY_SHAPE: ItemShape = {
  baseShape: 'IdOnly',
  bodyType: 'Best',
  additionalProperties: [field('item:Body'), field('item:Attachments')],
};

export const HIERARCHY_SHAPE: FolderShape = {
  baseShape: 'IdOnly',
  additionalProperties: [
    'folder:ParentFolderId',
    'folder:FolderClass',
    'folder:DisplayName',
    'folder:ChildFolderCount',
  ].map(field),
};

/** Counts only: SyncFolderHierarchy does not report count changes. */
export const COUNTS_SHAPE: FolderShape = {
  baseShape: 'IdOnly',
  additionalProperties: [field('folder:TotalCount'), field('folder:UnreadCount')],
};

/**
 * Well-known folders resolved on every count refresh (same request). Only names of the
 * Exchange2013_SP1 schema: a server that validates strictly would fault the whole request on
 * a later name such as `archive`.
 */
export const DISTINGUISHED = ['msgfolderroot', 'inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'outbox'];
