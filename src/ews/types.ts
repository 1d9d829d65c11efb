/**
 * EWS types as Tern uses them, copied from the Exchange2013_SP1 schema (`test/fixtures/ews-schema/`).
 * Names follow the schema in camelCase; dates stay as the wire's xs:dateTime strings so that a
 * value survives decode → encode unchanged. Each type links to its reference page.
 */

const WSR = 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference';
export const REFERENCE = WSR;

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemid */
export interface ItemId {
  id: string;
  changeKey?: string;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folderid */
export type FolderId = ItemId;

/**
 * 42 well-known folder names; servers answer ErrorFolderNotFound for the ones they lack.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/distinguishedfolderid
 */
export type DistinguishedFolderName =
  | 'msgfolderroot'
  | 'root'
  | 'inbox'
  | 'drafts'
  | 'sentitems'
  | 'deleteditems'
  | 'junkemail'
  | 'outbox'
  | 'calendar'
  | 'contacts'
  | 'tasks'
  | 'notes'
  | 'journal'
  | 'searchfolders'
  | 'archive'
  | (string & {});

/**
 * `t:FolderId` or `t:DistinguishedFolderId` (TargetFolderIdType / NonEmptyArrayOfBaseFolderIdsType).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/distinguishedfolderid
 */
export type FolderRef = FolderId | { distinguished: DistinguishedFolderName; mailbox?: string };

export const isDistinguished = (ref: FolderRef): ref is { distinguished: string; mailbox?: string } =>
  'distinguished' in ref;

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responseclass */
export type ResponseClass = 'Success' | 'Warning' | 'Error';

/**
 * The common part of every `m:*ResponseMessage`: MessageText, ResponseCode, DescriptiveLinkKey,
 * MessageXml (its `t:Value Name=…` pairs), in schema order.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsemessage
 */
export interface ResponseStatus {
  responseClass: ResponseClass;
  responseCode: string;
  messageText?: string;
  descriptiveLinkKey?: number;
  messageXml?: Record<string, string>;
}

/** The Success status every operation answers when all went well. */
export const SUCCESS: ResponseStatus = { responseClass: 'Success', responseCode: 'NoError' };

/** A response message: the status plus the operation's payload (present on success). */
export type Response<T> = ResponseStatus & Partial<T>;

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/baseshape */
export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedfielduri */
export interface ExtendedFieldURI {
  distinguishedPropertySetId?: string;
  propertySetId?: string;
  /** Canonical form `0x%x`, lower case, no leading zeros (DavMail matches the exact string). */
  propertyTag?: string;
  propertyName?: string;
  propertyId?: number;
  propertyType: string;
}

/**
 * A property path: `t:FieldURI`, `t:IndexedFieldURI` or `t:ExtendedFieldURI`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/path
 */
export type PropertyPath =
  { fieldURI: string } | { fieldURI: string; fieldIndex: string } | { extended: ExtendedFieldURI };

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemshape */
export interface ItemShape {
  baseShape: BaseShape;
  includeMimeContent?: boolean;
  bodyType?: 'Best' | 'HTML' | 'Text';
  filterHtmlContent?: boolean;
  additionalProperties?: PropertyPath[];
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/foldershape */
export interface FolderShape {
  baseShape: BaseShape;
  additionalProperties?: PropertyPath[];
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/mailbox */
export interface Mailbox {
  name?: string;
  emailAddress?: string;
  routingType?: string;
  mailboxType?: string;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/body */
export interface Body {
  bodyType: 'HTML' | 'Text';
  value: string;
  isTruncated?: boolean;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/flag */
export interface Flag {
  flagStatus: 'NotFlagged' | 'Flagged' | 'Complete';
  startDate?: string;
  dueDate?: string;
  completeDate?: string;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedproperty */
export interface ExtendedProperty {
  field: ExtendedFieldURI;
  /** One `t:Value`, or several under `t:Values` for multi-valued types. */
  value: string | string[];
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/internetmessageheader */
export interface InternetHeader {
  name: string;
  value: string;
}

/**
 * Attachment metadata (and content, for GetAttachment and CreateItem).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/fileattachment
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemattachment
 */
export interface Attachment {
  kind: 'FileAttachment' | 'ItemAttachment';
  attachmentId?: string;
  name?: string;
  contentType?: string;
  contentId?: string;
  contentLocation?: string;
  size?: number;
  /** Exchange Online sends this without a `Z` on attachments. Kept verbatim. */
  lastModifiedTime?: string;
  isInline?: boolean;
  isContactPhoto?: boolean;
  /** Base64 file content (FileAttachment only). */
  content?: string;
  /** The attached item (ItemAttachment only). */
  item?: Item;
}

/**
 * The item kinds a mail folder can hold (SyncFolderItemsCreateOrUpdateType allows eleven).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/create-itemsync
 */
export type ItemKind =
  | 'Item'
  | 'Message'
  | 'CalendarItem'
  | 'Contact'
  | 'DistributionList'
  | 'MeetingMessage'
  | 'MeetingRequest'
  | 'MeetingResponse'
  | 'MeetingCancellation'
  | 'Task'
  | 'PostItem';

export const ITEM_KINDS: readonly ItemKind[] = [
  'Item',
  'Message',
  'CalendarItem',
  'Contact',
  'DistributionList',
  'MeetingMessage',
  'MeetingRequest',
  'MeetingResponse',
  'MeetingCancellation',
  'Task',
  'PostItem',
];

/** Kinds that carry the MessageType properties (From, recipients, IsRead…). */
export const MESSAGE_KINDS: ReadonlySet<ItemKind> = new Set([
  'Message',
  'MeetingMessage',
  'MeetingRequest',
  'MeetingResponse',
  'MeetingCancellation',
]);

/**
 * An item with the properties Tern reads and writes (ItemType, then MessageType).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/message-ex15websvcsotherref
 */
export interface Item {
  kind: ItemKind;
  /** Base64 MIME (`t:MimeContent`), with its CharacterSet when given. */
  mimeContent?: string;
  itemId?: ItemId;
  parentFolderId?: FolderId;
  itemClass?: string;
  subject?: string;
  sensitivity?: 'Normal' | 'Personal' | 'Private' | 'Confidential';
  body?: Body;
  attachments?: Attachment[];
  dateTimeReceived?: string;
  size?: number;
  categories?: string[];
  importance?: 'Low' | 'Normal' | 'High';
  inReplyTo?: string;
  isSubmitted?: boolean;
  isDraft?: boolean;
  isFromMe?: boolean;
  internetMessageHeaders?: InternetHeader[];
  dateTimeSent?: string;
  dateTimeCreated?: string;
  displayCc?: string;
  displayTo?: string;
  hasAttachments?: boolean;
  extendedProperties?: ExtendedProperty[];
  lastModifiedTime?: string;
  conversationId?: ItemId;
  flag?: Flag;
  preview?: string;
  textBody?: Body;
  // MessageType
  sender?: Mailbox;
  toRecipients?: Mailbox[];
  ccRecipients?: Mailbox[];
  bccRecipients?: Mailbox[];
  isReadReceiptRequested?: boolean;
  isDeliveryReceiptRequested?: boolean;
  conversationIndex?: string;
  conversationTopic?: string;
  from?: Mailbox;
  internetMessageId?: string;
  isRead?: boolean;
  references?: string;
  replyTo?: Mailbox[];
  // CalendarItemType (FindItem with a CalendarView) and the meeting messages about one
  uid?: string;
  start?: string;
  end?: string;
  isAllDayEvent?: boolean;
  location?: string;
}

/**
 * A folder (`t:Folder`, `t:CalendarFolder`, `t:ContactsFolder`, `t:SearchFolder`, `t:TasksFolder`).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folder
 */
export interface Folder {
  kind: FolderKind;
  folderId?: FolderId;
  parentFolderId?: FolderId;
  folderClass?: string;
  displayName?: string;
  totalCount?: number;
  childFolderCount?: number;
  extendedProperties?: ExtendedProperty[];
  distinguishedFolderId?: string;
  /** FolderType only (not calendar/contacts/search/tasks folders). */
  unreadCount?: number;
}

export type FolderKind = 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'SearchFolder' | 'TasksFolder';
export const FOLDER_KINDS: readonly FolderKind[] = [
  'Folder',
  'CalendarFolder',
  'ContactsFolder',
  'SearchFolder',
  'TasksFolder',
];

/**
 * One change of SyncFolderItems. Kinds arrive interleaved in any order.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/changes-items
 */
export type ItemChange =
  | { type: 'Create' | 'Update'; item: Item }
  | { type: 'Delete'; itemId: ItemId }
  | { type: 'ReadFlagChange'; itemId: ItemId; isRead: boolean };

/**
 * One change of SyncFolderHierarchy.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/changes-hierarchy
 */
export type FolderChange = { type: 'Create' | 'Update'; folder: Folder } | { type: 'Delete'; folderId: FolderId };

/**
 * A FindItem/FindFolder restriction.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/restriction
 */
export type Restriction =
  | { op: 'And' | 'Or'; items: Restriction[] }
  | { op: 'Not'; item: Restriction }
  | { op: 'Exists'; path: PropertyPath }
  | {
      op:
        | 'IsEqualTo'
        | 'IsNotEqualTo'
        | 'IsGreaterThan'
        | 'IsGreaterThanOrEqualTo'
        | 'IsLessThan'
        | 'IsLessThanOrEqualTo';
      path: PropertyPath;
      /** A constant, or another property to compare with. */
      value: string | { path: PropertyPath };
    }
  | {
      op: 'Contains';
      path: PropertyPath;
      value: string;
      containmentMode?: 'FullString' | 'Prefixed' | 'Substring' | 'PrefixOnWords' | 'ExactPhrase';
      containmentComparison?:
        'Exact' | 'IgnoreCase' | 'IgnoreNonSpacingCharacters' | 'Loose' | 'IgnoreCaseAndNonSpacingCharacters';
    };

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/fieldorder */
export interface FieldOrder {
  order: 'Ascending' | 'Descending';
  path: PropertyPath;
}

/**
 * FindItem/FindFolder paging. EWS allows one view: indexed, fractional, or (items) a calendar view.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/indexedpageitemview
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/calendarview
 */
export type PageView =
  | { kind: 'Indexed'; maxEntriesReturned?: number; offset: number; basePoint: 'Beginning' | 'End' }
  | { kind: 'Calendar'; maxEntriesReturned?: number; startDate: string; endDate: string };

/**
 * The paging attributes of `m:RootFolder`; exchangelib and DavMail loop forever without them.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/rootfolder-finditemresponsemessage
 */
export interface RootFolderPaging {
  indexedPagingOffset?: number;
  totalItemsInView: number;
  includesLastItemInRange: boolean;
}
