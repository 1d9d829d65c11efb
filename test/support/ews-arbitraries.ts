import fc from 'fast-check';
import {
  FOLDER_KINDS,
  ITEM_KINDS,
  type Attachment,
  type ConvertIdRequest,
  type ResolveNamesRequest,
  type GetUserOofSettingsRequest,
  type OofSettings,
  type SetUserOofSettingsRequest,
  type CreateFolderRequest,
  type CreateAttachmentRequest,
  type CreateItemRequest,
  type DeleteAttachmentRequest,
  type DeleteFolderRequest,
  type DeleteItemRequest,
  type EmptyFolderRequest,
  type ExtendedFieldURI,
  type ExtendedProperty,
  type FieldOrder,
  type FindFolderRequest,
  type FindItemRequest,
  type Folder,
  type FolderChange,
  type FolderKind,
  type FolderRef,
  type FolderShape,
  type FolderUpdate,
  type GetAttachmentRequest,
  type GetFolderRequest,
  type GetItemRequest,
  type Item,
  type ItemChange,
  type ItemId,
  type ItemKind,
  type ItemShape,
  type ItemUpdate,
  type Mailbox,
  type MarkAllItemsAsReadRequest,
  type MoveFolderRequest,
  type MoveItemRequest,
  type PageView,
  type PropertyPath,
  type Response,
  type ResponseStatus,
  type Restriction,
  type SendItemRequest,
  type SyncFolderHierarchyRequest,
  type SyncFolderItemsRequest,
  type UpdateFolderRequest,
  type UpdateItemRequest,
} from '../../src/ews/index.js';
import { xmlSafe } from '../../src/ews/xml/write.js';

/**
 * fast-check arbitraries for every request and response message the EWS codec speaks. Values are
 * schema-valid (enumerations, xs:dateTime, xs:int, base64, non-empty lists where the schema says
 * so) and use hostile text wherever the schema allows any string: markup and entity look-alikes,
 * `]]>`, quotes, CR/LF/tab, emoji outside the BMP, and — in `hostile` — characters XML 1.0 cannot
 * carry at all. Each message is in the shape the encoder writes it (e.g. GetItem errors carry
 * `items: []`, as Exchange's `<m:Items/>`), so `decode(encode(x))` can be compared with `x`.
 */
export interface EwsArbitraries {
  text: fc.Arbitrary<string>;
  item: fc.Arbitrary<Item>;
  folder: fc.Arbitrary<Folder>;
  itemChange: fc.Arbitrary<ItemChange>;
  /** Request values by operation name (the keys of `OPERATIONS`). */
  requests: Record<string, fc.Arbitrary<unknown>>;
  /** Response messages by operation name, successes and errors. */
  messages: Record<string, fc.Arbitrary<Response<unknown>>>;
}

/** Pieces that break naive XML writers and readers; every one is representable in XML 1.0. */
export const TRICKY_TEXT = [
  '&amp;',
  '&lt;',
  '&#38;',
  '<![CDATA[x]]>',
  ']]>',
  '<t:Subject>',
  '"',
  "'",
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '  ',
  '😀',
  '👩‍👩‍👧',
  '\u0085',
  '\u2028',
  '\u00a0',
  '\u007f',
  '\ufeff',
  '__proto__',
];

/** Characters XML 1.0 cannot carry, not even as references; the writer turns each into U+FFFD. */
export const UNREPRESENTABLE = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001f',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
];

/** Text XML can carry exactly: `decode(encode(x))` must equal `x`. */
export const xmlText = textFrom(TRICKY_TEXT);
/** Any JavaScript string: `decode(encode(x))` must equal `normalise(x)`. */
export const anyText = textFrom([...TRICKY_TEXT, ...UNREPRESENTABLE], true);

/** What the codec promises to preserve of `x`: every string passed through the writer's `xmlSafe`. */
export function normalise<T>(x: T): T {
  if (typeof x === 'string') return xmlSafe(x) as T;
  if (Array.isArray(x)) return x.map(normalise) as T;
  if (x && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [xmlSafe(k), normalise(v)])) as T;
  return x;
}

function textFrom(pieces: string[], binary = false): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pieces) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: binary ? 2 : 0, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: binary ? 1 : 0, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 4 }) },
  );
  return fc.array(piece, { maxLength: 6 }).map((a) => a.join(''));
}

const some = <T>(a: fc.Arbitrary<T>, maxLength = 3) => fc.array(a, { minLength: 1, maxLength });
const int = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const dateTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) =>
    // Exchange Online writes attachment times without a zone; both are xs:dateTime.
    fc.constantFrom(d.toISOString().replace(/\.\d{3}Z$/, 'Z'), d.toISOString().slice(0, 19)),
  );
const base64 = fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b).toString('base64'));

const DISTINGUISHED = ['inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'outbox', 'msgfolderroot', 'root'];
const FIELD_URIS = [
  'item:Subject',
  'item:DateTimeReceived',
  'item:ItemClass',
  'item:Categories',
  'item:Body',
  'item:Size',
  'item:Flag',
  'message:IsRead',
  'message:From',
  'message:ToRecipients',
  'calendar:Start',
  'folder:DisplayName',
  'folder:UnreadCount',
];
const RESPONSE_CODES = [
  'ErrorItemNotFound',
  'ErrorServerBusy',
  'ErrorInvalidSyncStateData',
  'ErrorSyncFolderNotFound',
  'ErrorInternalServerError',
  'ErrorAccessDenied',
  'ErrorInvalidIdMalformed',
  'ErrorIrresolvableConflict',
  'ErrorTooManyObjectsOpened',
  'ErrorFolderNotFound',
];
// Kinds an ItemAttachment may hold (ItemAttachmentType has no DistributionList).
const ATTACHABLE_KINDS = ITEM_KINDS.filter((k) => k !== 'DistributionList');
// FolderType and its descendants carry UnreadCount; CalendarFolder and ContactsFolder do not.
const HAS_UNREAD: ReadonlySet<FolderKind> = new Set(['Folder', 'SearchFolder', 'TasksFolder']);

/** Builds every arbitrary over one text arbitrary (`xmlText` or `anyText`). */
export function ewsArbitraries(text: fc.Arbitrary<string>): EwsArbitraries {
  const nonEmpty = text.filter((s) => s.length > 0);
  const itemId: fc.Arbitrary<ItemId> = fc.record({ id: text, changeKey: text }, { requiredKeys: ['id'] });
  const folderRef: fc.Arbitrary<FolderRef> = fc.oneof(
    itemId,
    fc.record(
      { distinguished: fc.constantFrom(...DISTINGUISHED), mailbox: nonEmpty },
      { requiredKeys: ['distinguished'] },
    ),
  );
  const mailbox: fc.Arbitrary<Mailbox> = fc.record(
    {
      name: text,
      emailAddress: nonEmpty,
      routingType: nonEmpty,
      mailboxType: fc.constantFrom('Mailbox', 'OneOff', 'PublicDL', 'PrivateDL', 'Contact', 'Unknown'),
    },
    { requiredKeys: [] },
  );
  const extendedField: fc.Arbitrary<ExtendedFieldURI> = fc.oneof(
    fc.record({
      propertyTag: fc.integer({ min: 0, max: 0xffff }).map((n) => `0x${n.toString(16)}`),
      propertyType: fc.constantFrom('String', 'Integer', 'Boolean', 'SystemTime', 'Binary'),
    }),
    fc
      .tuple(
        fc.oneof(
          fc.record({ distinguishedPropertySetId: fc.constantFrom('PublicStrings', 'InternetHeaders', 'Common') }),
          fc.record({ propertySetId: fc.uuid() }),
        ),
        fc.oneof(fc.record({ propertyName: text }), fc.record({ propertyId: int })),
        fc.record({ propertyType: fc.constantFrom('String', 'StringArray', 'Integer') }),
      )
      .map(([set, name, type]) => ({ ...set, ...name, ...type })),
  );
  const extendedProperty: fc.Arbitrary<ExtendedProperty> = fc.record({
    field: extendedField,
    value: fc.oneof(text, some(text)),
  });
  const path: fc.Arbitrary<PropertyPath> = fc.oneof(
    fc.record({ fieldURI: fc.constantFrom(...FIELD_URIS) }),
    fc.record({ fieldURI: fc.constant('item:InternetMessageHeader'), fieldIndex: text }),
    fc.record({ extended: extendedField }),
  );
  const body = fc.record(
    { bodyType: fc.constantFrom('HTML' as const, 'Text' as const), value: text, isTruncated: fc.boolean() },
    { requiredKeys: ['bodyType', 'value'] },
  );

  const itemProps = {
    mimeContent: base64,
    itemId,
    parentFolderId: itemId,
    itemClass: text,
    subject: text,
    sensitivity: fc.constantFrom('Normal' as const, 'Personal' as const, 'Private' as const, 'Confidential' as const),
    body,
    dateTimeReceived: dateTime,
    size: int,
    categories: fc.array(text, { maxLength: 3 }),
    importance: fc.constantFrom('Low' as const, 'Normal' as const, 'High' as const),
    inReplyTo: text,
    isSubmitted: fc.boolean(),
    isDraft: fc.boolean(),
    isFromMe: fc.boolean(),
    internetMessageHeaders: some(fc.record({ name: text, value: text })),
    dateTimeSent: dateTime,
    dateTimeCreated: dateTime,
    displayCc: text,
    displayTo: text,
    hasAttachments: fc.boolean(),
    extendedProperties: some(extendedProperty, 2),
    lastModifiedTime: dateTime,
    conversationId: itemId,
    flag: fc.record(
      {
        flagStatus: fc.constantFrom('NotFlagged' as const, 'Flagged' as const, 'Complete' as const),
        startDate: dateTime,
        dueDate: dateTime,
        completeDate: dateTime,
      },
      { requiredKeys: ['flagStatus'] },
    ),
    preview: text,
    textBody: body,
  };
  const messageProps = {
    sender: mailbox,
    toRecipients: fc.array(mailbox, { maxLength: 3 }),
    ccRecipients: fc.array(mailbox, { maxLength: 2 }),
    bccRecipients: fc.array(mailbox, { maxLength: 2 }),
    isReadReceiptRequested: fc.boolean(),
    isDeliveryReceiptRequested: fc.boolean(),
    conversationIndex: base64,
    conversationTopic: text,
    from: mailbox,
    internetMessageId: text,
    isRead: fc.boolean(),
    references: text,
    replyTo: fc.array(mailbox, { maxLength: 2 }),
  };
  const timeProps = { uid: text, start: dateTime, end: dateTime, location: text };
  const kindProps = (kind: ItemKind) => {
    if (kind === 'Message') return messageProps;
    if (kind === 'MeetingMessage') return { ...messageProps, uid: text };
    if (kind === 'MeetingResponse' || kind === 'MeetingCancellation') return { ...messageProps, ...timeProps };
    if (kind === 'MeetingRequest') return { ...messageProps, ...timeProps, isAllDayEvent: fc.boolean() };
    if (kind === 'CalendarItem') return { ...timeProps, isAllDayEvent: fc.boolean() };
    return {};
  };
  // An item of one of `kinds`, with any subset of its properties; `attachments` nests one level.
  const itemOf = (kinds: readonly ItemKind[], attachments?: fc.Arbitrary<Attachment[]>): fc.Arbitrary<Item> =>
    fc
      .constantFrom(...kinds)
      .chain((kind) =>
        fc
          .record(
            { ...itemProps, ...kindProps(kind), ...(attachments ? { attachments } : {}) } as Record<
              string,
              fc.Arbitrary<unknown>
            >,
            { requiredKeys: [] },
          )
          .map((props) => ({ kind, ...props }) as Item),
      );
  const attachmentHead = {
    attachmentId: text,
    name: text,
    contentType: text,
    contentId: text,
    contentLocation: text,
    size: int,
    lastModifiedTime: dateTime,
    isInline: fc.boolean(),
  };
  const attachmentOf = (inner: fc.Arbitrary<Item>): fc.Arbitrary<Attachment> =>
    fc.oneof(
      fc
        .record({ ...attachmentHead, isContactPhoto: fc.boolean(), content: base64 }, { requiredKeys: [] })
        .map((a) => ({ kind: 'FileAttachment' as const, ...a })),
      fc
        .record({ ...attachmentHead, item: inner }, { requiredKeys: [] })
        .map((a) => ({ kind: 'ItemAttachment' as const, ...a })),
    );
  const attachment = attachmentOf(itemOf(ATTACHABLE_KINDS));
  const item = itemOf(ITEM_KINDS, some(attachment, 2));

  const folder: fc.Arbitrary<Folder> = fc.constantFrom(...FOLDER_KINDS).chain((kind) =>
    fc
      .record(
        {
          folderId: itemId,
          parentFolderId: itemId,
          folderClass: text,
          displayName: text,
          totalCount: int,
          childFolderCount: int,
          extendedProperties: some(extendedProperty, 2),
          distinguishedFolderId: fc.constantFrom(...DISTINGUISHED),
          ...(HAS_UNREAD.has(kind) ? { unreadCount: int } : {}),
        },
        { requiredKeys: [] },
      )
      .map((props) => ({ kind, ...props }) as Folder),
  );

  const itemShape: fc.Arbitrary<ItemShape> = fc.record(
    {
      baseShape: fc.constantFrom('IdOnly' as const, 'Default' as const, 'AllProperties' as const),
      includeMimeContent: fc.boolean(),
      bodyType: fc.constantFrom('Best' as const, 'HTML' as const, 'Text' as const),
      filterHtmlContent: fc.boolean(),
      additionalProperties: some(path),
    },
    { requiredKeys: ['baseShape'] },
  );
  const folderShape: fc.Arbitrary<FolderShape> = fc.record(
    {
      baseShape: fc.constantFrom('IdOnly' as const, 'Default' as const, 'AllProperties' as const),
      additionalProperties: some(path),
    },
    { requiredKeys: ['baseShape'] },
  );
  const { restriction } = fc.letrec<{ restriction: Restriction }>((tie) => ({
    restriction: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ op: fc.constant('Exists' as const), path }),
      fc.record({
        op: fc.constantFrom(
          'IsEqualTo' as const,
          'IsNotEqualTo' as const,
          'IsGreaterThan' as const,
          'IsGreaterThanOrEqualTo' as const,
          'IsLessThan' as const,
          'IsLessThanOrEqualTo' as const,
        ),
        path,
        value: fc.oneof(text, fc.record({ path })),
      }),
      fc.record(
        {
          op: fc.constant('Contains' as const),
          path,
          value: text,
          containmentMode: fc.constantFrom('FullString' as const, 'Prefixed' as const, 'Substring' as const),
          containmentComparison: fc.constantFrom('Exact' as const, 'IgnoreCase' as const, 'Loose' as const),
        },
        { requiredKeys: ['op', 'path', 'value'] },
      ),
      fc.record({ op: fc.constant('Not' as const), item: tie('restriction') }),
      fc.record({ op: fc.constantFrom('And' as const, 'Or' as const), items: some(tie('restriction')) }),
    ),
  }));
  const sortOrder: fc.Arbitrary<FieldOrder[]> = some(
    fc.record({ order: fc.constantFrom('Ascending' as const, 'Descending' as const), path }),
  );
  const indexedView = fc.record(
    {
      kind: fc.constant('Indexed' as const),
      maxEntriesReturned: int,
      offset: int,
      basePoint: fc.constantFrom('Beginning' as const, 'End' as const),
    },
    { requiredKeys: ['kind', 'offset', 'basePoint'] },
  );
  const view: fc.Arbitrary<PageView> = fc.oneof(
    indexedView,
    fc.record(
      { kind: fc.constant('Calendar' as const), maxEntriesReturned: int, startDate: dateTime, endDate: dateTime },
      { requiredKeys: ['kind', 'startDate', 'endDate'] },
    ),
  );
  const disposal = fc.constantFrom('HardDelete' as const, 'SoftDelete' as const, 'MoveToDeletedItems' as const);
  const invitations = fc.constantFrom('SendToNone' as const, 'SendOnlyToAll' as const, 'SendToAllAndSaveCopy' as const);
  const disposition = fc.constantFrom('SaveOnly' as const, 'SendOnly' as const, 'SendAndSaveCopy' as const);
  const alternateId = fc.record(
    {
      format: fc.constantFrom('EwsId', 'EwsLegacyId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'),
      id: text,
      mailbox: nonEmpty,
      isArchive: fc.boolean(),
    },
    { requiredKeys: ['format', 'id', 'mailbox'] },
  );

  const itemChange: fc.Arbitrary<ItemChange> = fc.oneof(
    fc.record({ type: fc.constantFrom('Create' as const, 'Update' as const), item }),
    fc.record({ type: fc.constant('Delete' as const), itemId }),
    fc.record({ type: fc.constant('ReadFlagChange' as const), itemId, isRead: fc.boolean() }),
  );
  const folderChange: fc.Arbitrary<FolderChange> = fc.oneof(
    fc.record({ type: fc.constantFrom('Create' as const, 'Update' as const), folder }),
    fc.record({ type: fc.constant('Delete' as const), folderId: itemId }),
  );
  const itemUpdate: fc.Arbitrary<ItemUpdate> = fc.oneof(
    fc.record({ kind: fc.constantFrom('Set' as const, 'Append' as const), path, item: itemOf(ITEM_KINDS) }),
    fc.record({ kind: fc.constant('Delete' as const), path }),
  );
  const folderUpdate: fc.Arbitrary<FolderUpdate> = fc.oneof(
    fc.record({ kind: fc.constantFrom('Set' as const, 'Append' as const), path, folder }),
    fc.record({ kind: fc.constant('Delete' as const), path }),
  );

  const oofSettings = fc.record(
    {
      oofState: fc.constantFrom('Disabled' as const, 'Enabled' as const, 'Scheduled' as const),
      externalAudience: fc.constantFrom('None' as const, 'Known' as const, 'All' as const),
      duration: fc.record({ startTime: dateTime, endTime: dateTime }),
      internalReply: text,
      externalReply: text,
    },
    { requiredKeys: ['oofState', 'externalAudience'] },
  ) satisfies fc.Arbitrary<OofSettings>;

  const requests: Record<string, fc.Arbitrary<unknown>> = {
    SyncFolderHierarchy: fc.record(
      { folderShape, syncFolderId: folderRef, syncState: nonEmpty },
      { requiredKeys: ['folderShape'] },
    ) satisfies fc.Arbitrary<SyncFolderHierarchyRequest>,
    SyncFolderItems: fc.record(
      {
        itemShape,
        syncFolderId: folderRef,
        syncState: nonEmpty,
        ignore: some(itemId),
        maxChangesReturned: fc.integer({ min: 1, max: 512 }),
        syncScope: fc.constantFrom('NormalItems' as const, 'NormalAndAssociatedItems' as const),
      },
      { requiredKeys: ['itemShape', 'syncFolderId', 'maxChangesReturned'] },
    ) satisfies fc.Arbitrary<SyncFolderItemsRequest>,
    GetFolder: fc.record({ folderShape, folderIds: some(folderRef) }) satisfies fc.Arbitrary<GetFolderRequest>,
    GetItem: fc.record({ itemShape, itemIds: some(itemId, 10) }) satisfies fc.Arbitrary<GetItemRequest>,
    UpdateItem: fc.record(
      {
        conflictResolution: fc.constantFrom(
          'NeverOverwrite' as const,
          'AutoResolve' as const,
          'AlwaysOverwrite' as const,
        ),
        messageDisposition: disposition,
        suppressReadReceipts: fc.boolean(),
        savedItemFolderId: folderRef,
        itemChanges: some(fc.record({ itemId, updates: some(itemUpdate) }), 2),
      },
      { requiredKeys: ['conflictResolution', 'itemChanges'] },
    ) satisfies fc.Arbitrary<UpdateItemRequest>,
    DeleteItem: fc.record(
      {
        deleteType: disposal,
        sendMeetingCancellations: invitations,
        affectedTaskOccurrences: fc.constantFrom('AllOccurrences' as const, 'SpecifiedOccurrenceOnly' as const),
        suppressReadReceipts: fc.boolean(),
        itemIds: some(itemId),
      },
      { requiredKeys: ['deleteType', 'itemIds'] },
    ) satisfies fc.Arbitrary<DeleteItemRequest>,
    MoveItem: moveItem(),
    CopyItem: moveItem(),
    CreateItem: fc.record(
      {
        messageDisposition: disposition,
        sendMeetingInvitations: invitations,
        savedItemFolderId: folderRef,
        items: some(item, 2),
      },
      { requiredKeys: ['items'] },
    ) satisfies fc.Arbitrary<CreateItemRequest>,
    SendItem: fc.record(
      { saveItemToFolder: fc.boolean(), itemIds: some(itemId), savedItemFolderId: folderRef },
      { requiredKeys: ['saveItemToFolder', 'itemIds'] },
    ) satisfies fc.Arbitrary<SendItemRequest>,
    GetAttachment: fc.record(
      {
        attachmentShape: fc.record(
          {
            includeMimeContent: fc.boolean(),
            bodyType: fc.constantFrom('Best' as const, 'HTML' as const, 'Text' as const),
          },
          { requiredKeys: [] },
        ),
        attachmentIds: some(text),
      },
      { requiredKeys: ['attachmentIds'] },
    ) satisfies fc.Arbitrary<GetAttachmentRequest>,
    CreateAttachment: fc.record({
      parentItemId: itemId,
      attachments: some(attachment, 2),
    }) satisfies fc.Arbitrary<CreateAttachmentRequest>,
    DeleteAttachment: fc.record({ attachmentIds: some(text) }) satisfies fc.Arbitrary<DeleteAttachmentRequest>,
    FindItem: fc.record(
      {
        traversal: fc.constantFrom('Shallow' as const, 'SoftDeleted' as const, 'Associated' as const),
        itemShape,
        view,
        restriction,
        sortOrder,
        parentFolderIds: some(folderRef),
      },
      { requiredKeys: ['traversal', 'itemShape', 'parentFolderIds'] },
    ) satisfies fc.Arbitrary<FindItemRequest>,
    FindFolder: fc.record(
      {
        traversal: fc.constantFrom('Shallow' as const, 'Deep' as const, 'SoftDeleted' as const),
        folderShape,
        view: indexedView,
        restriction,
        parentFolderIds: some(folderRef),
      },
      { requiredKeys: ['traversal', 'folderShape', 'parentFolderIds'] },
    ) satisfies fc.Arbitrary<FindFolderRequest>,
    CreateFolder: fc.record({
      parentFolderId: folderRef,
      folders: some(folder),
    }) satisfies fc.Arbitrary<CreateFolderRequest>,
    UpdateFolder: fc.record({
      folderChanges: some(fc.record({ folderId: folderRef, updates: some(folderUpdate) }), 2),
    }) satisfies fc.Arbitrary<UpdateFolderRequest>,
    DeleteFolder: fc.record({
      deleteType: disposal,
      folderIds: some(folderRef),
    }) satisfies fc.Arbitrary<DeleteFolderRequest>,
    MoveFolder: moveFolder(),
    CopyFolder: moveFolder(),
    MarkAllItemsAsRead: fc.record({
      readFlag: fc.boolean(),
      suppressReadReceipts: fc.boolean(),
      folderIds: some(folderRef),
    }) satisfies fc.Arbitrary<MarkAllItemsAsReadRequest>,
    EmptyFolder: fc.record({
      deleteType: disposal,
      deleteSubFolders: fc.boolean(),
      folderIds: some(folderRef),
    }) satisfies fc.Arbitrary<EmptyFolderRequest>,
    ConvertId: fc.record({
      destinationFormat: fc.constantFrom('EwsId', 'EwsLegacyId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'),
      sourceIds: some(alternateId),
    }) satisfies fc.Arbitrary<ConvertIdRequest>,
    ResolveNames: fc.record(
      {
        unresolvedEntry: nonEmpty,
        returnFullContactData: fc.boolean(),
        searchScope: fc.constantFrom(
          'ActiveDirectory' as const,
          'ActiveDirectoryContacts' as const,
          'Contacts' as const,
          'ContactsActiveDirectory' as const,
        ),
      },
      { requiredKeys: ['unresolvedEntry', 'returnFullContactData'] },
    ) satisfies fc.Arbitrary<ResolveNamesRequest>,
    GetUserOofSettingsRequest: fc.record({ mailbox: nonEmpty }) satisfies fc.Arbitrary<GetUserOofSettingsRequest>,
    SetUserOofSettingsRequest: fc.record({
      mailbox: nonEmpty,
      userOofSettings: oofSettings,
    }) satisfies fc.Arbitrary<SetUserOofSettingsRequest>,
  };

  function moveItem(): fc.Arbitrary<MoveItemRequest> {
    return fc.record(
      { toFolderId: folderRef, itemIds: some(itemId), returnNewItemIds: fc.boolean() },
      { requiredKeys: ['toFolderId', 'itemIds'] },
    );
  }
  function moveFolder(): fc.Arbitrary<MoveFolderRequest> {
    return fc.record({ toFolderId: folderRef, folderIds: some(folderRef) });
  }

  // The head of every response message. Error messages carry a real error code; names in
  // MessageXml are attribute values, so they are hostile too.
  const status = (success: boolean): fc.Arbitrary<ResponseStatus> =>
    fc.record(
      {
        responseClass: success
          ? fc.constantFrom('Success' as const, 'Warning' as const)
          : fc.constant('Error' as const),
        responseCode: success ? fc.constant('NoError') : fc.constantFrom(...RESPONSE_CODES),
        messageText: text,
        descriptiveLinkKey: int,
        messageXml: fc.dictionary(text, text, { maxKeys: 3, noNullPrototype: true }),
      },
      { requiredKeys: ['responseClass', 'responseCode'] },
    );
  // A success with `payload`, or an error with `onError` (what the writer always emits).
  const message = (
    payload: Record<string, fc.Arbitrary<unknown>>,
    onError: Record<string, fc.Arbitrary<unknown>> = {},
  ) =>
    fc.oneof(
      fc.tuple(status(true), fc.record(payload)).map(([s, p]) => ({ ...s, ...p })),
      fc.tuple(status(false), fc.record(onError)).map(([s, p]) => ({ ...s, ...p })),
    ) as fc.Arbitrary<Response<unknown>>;
  const none = message({});
  const items = { items: fc.array(item, { maxLength: 2 }) };
  const noItems = { items: fc.constant([]) };
  const folders = { folders: fc.array(folder, { maxLength: 2 }) };
  const noFolders = { folders: fc.constant([]) };
  const paging = {
    indexedPagingOffset: int,
    totalItemsInView: int,
    includesLastItemInRange: fc.boolean(),
  };

  const messages: Record<string, fc.Arbitrary<Response<unknown>>> = {
    SyncFolderHierarchy: message(
      { syncState: text, includesLastFolderInRange: fc.boolean(), changes: fc.array(folderChange, { maxLength: 4 }) },
      { syncState: fc.constant(''), includesLastFolderInRange: fc.constant(true) },
    ),
    SyncFolderItems: message(
      { syncState: text, includesLastItemInRange: fc.boolean(), changes: fc.array(itemChange, { maxLength: 4 }) },
      { syncState: fc.constant(''), includesLastItemInRange: fc.constant(true) },
    ),
    GetFolder: message(folders, noFolders),
    GetItem: message(items, noItems),
    UpdateItem: message({ ...items, conflictCount: int }, noItems),
    DeleteItem: none,
    MoveItem: message(items, noItems),
    CopyItem: message(items, noItems),
    CreateItem: message(items, noItems),
    SendItem: none,
    GetAttachment: message({ attachments: fc.array(attachment, { maxLength: 2 }) }, { attachments: fc.constant([]) }),
    // Ids only, and the item's new ChangeKey, which rides on each AttachmentId.
    CreateAttachment: message(
      {
        attachments: fc.array(
          fc.record({
            kind: fc.constantFrom('FileAttachment' as const, 'ItemAttachment' as const),
            attachmentId: text,
          }),
          { minLength: 1, maxLength: 2 },
        ),
        rootItemId: fc.record({ id: text, changeKey: text }),
      },
      { attachments: fc.constant([]) },
    ),
    DeleteAttachment: message({ rootItemId: fc.record({ id: text, changeKey: text }) }),
    FindItem: message({
      rootFolder: fc
        .tuple(fc.record(paging, { requiredKeys: ['totalItemsInView', 'includesLastItemInRange'] }), items.items)
        .map(([p, list]) => ({ ...p, items: list })),
    }),
    FindFolder: message({
      rootFolder: fc
        .tuple(fc.record(paging, { requiredKeys: ['totalItemsInView', 'includesLastItemInRange'] }), folders.folders)
        .map(([p, list]) => ({ ...p, folders: list })),
    }),
    CreateFolder: message(folders, noFolders),
    UpdateFolder: message(folders, noFolders),
    DeleteFolder: none,
    MoveFolder: message(folders, noFolders),
    CopyFolder: message(folders, noFolders),
    MarkAllItemsAsRead: none,
    EmptyFolder: none,
    ConvertId: message({ alternateId }),
    ResolveNames: message({
      resolutionSet: fc
        .tuple(
          fc.record(paging, { requiredKeys: ['totalItemsInView', 'includesLastItemInRange'] }),
          fc.array(fc.record({ mailbox }), { maxLength: 3 }),
        )
        .map(([p, resolutions]) => ({ ...p, resolutions })),
    }),
    GetUserOofSettingsRequest: message({
      oofSettings,
      allowExternalOof: fc.constantFrom('None' as const, 'Known' as const, 'All' as const),
    }),
    SetUserOofSettingsRequest: none,
  };

  return { text, item, folder, itemChange, requests, messages };
}

/** Arbitraries over text XML carries exactly. */
export const clean = ewsArbitraries(xmlText);
/** Arbitraries over any string, including what XML cannot carry. */
export const hostile = ewsArbitraries(anyText);
