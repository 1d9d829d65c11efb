import {
  CreateFolder,
  CreateItem,
  FindItem,
  SoapFault,
  SyncFolderItems,
  decodeResponse,
  encodeRequest,
  type ExtendedFieldURI,
  type FolderId,
  type FolderRef,
  type Item,
  type ItemChange,
  type ItemId,
  type ItemShape,
  type Operation,
  type Response,
} from '../../src/ews/index.js';

/** What a contract run talks to: the mailbox in process, or a server over HTTP. */
export interface MailboxConnection {
  /** One SOAP request as `user`; the body of the 200 or 500 answer. */
  send: (user: string, soap: string) => Promise<string>;
  close(): Promise<void>;
  /** Mail captured for recipients outside the mailbox, when the implementation shows it. */
  outgoing?: () => Promise<{ to: string[]; subject: string }[]>;
}

export const DEMO = 'demo@tern.test';
export const ADA = 'ada@tern.test';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PR_MESSAGE_FLAGS (read bit) and PR_MESSAGE_DELIVERY_TIME, as DavMail sets them on APPEND. */
export const FLAGS: ExtendedFieldURI = { propertyTag: '0xe07', propertyType: 'Integer' };
export const DELIVERY_TIME: ExtendedFieldURI = { propertyTag: '0xe06', propertyType: 'SystemTime' };
export const ARTICLE: ExtendedFieldURI = { propertyTag: '0xe23', propertyType: 'Integer' };
/** Tern's at-most-once send marks its drafts with this. */
export const OPERATION_ID: ExtendedFieldURI = {
  distinguishedPropertySetId: 'PublicStrings',
  propertyName: 'TernOperationId',
  propertyType: 'String',
};

/** The back-off of an ErrorServerBusy fault, or undefined for any other answer. */
function backOff(body: string): number | undefined {
  if (!body.includes('ErrorServerBusy')) return undefined;
  try {
    decodeResponse(CreateFolder, body);
  } catch (e) {
    if (e instanceof SoapFault && e.code === 'ErrorServerBusy') return e.backOffMs ?? 100;
  }
  return undefined;
}

/**
 * A client of the contract: requests encoded and answers decoded by the codec. Every answer body
 * is kept for the schema check. A budget fault (ErrorServerBusy with BackOffMilliseconds) is
 * waited out and the request sent again, as a well-behaved client does.
 */
export class EwsClient {
  constructor(
    private readonly conn: MailboxConnection,
    readonly user: string,
    private readonly answers: string[],
  ) {}

  /** Sends `xml` as it is; a budget fault is waited out and the request sent again. */
  async raw(xml: string): Promise<string> {
    for (;;) {
      const body = await this.conn.send(this.user, xml);
      const wait = backOff(body);
      if (wait === undefined) {
        this.answers.push(body);
        return body;
      }
      await sleep(wait);
    }
  }

  async call<Req, Msg>(op: Operation<Req, Msg>, req: Req): Promise<Response<Msg>[]> {
    return decodeResponse(op, await this.raw(encodeRequest(op, req))).messages;
  }

  /** The single message of a one-id request; fails unless it succeeded. */
  async one<Req, Msg>(op: Operation<Req, Msg>, req: Req): Promise<Response<Msg>> {
    const messages = await this.call(op, req);
    if (messages.length !== 1) throw new Error(`${op.name}: ${messages.length} response messages`);
    const m = messages[0]!;
    if (m.responseClass !== 'Success') throw new Error(`${op.name}: ${m.responseCode} ${m.messageText ?? ''}`);
    return m;
  }

  async createFolder(name: string, parent: FolderRef = { distinguished: 'msgfolderroot' }): Promise<FolderId> {
    const m = await this.one(CreateFolder, {
      parentFolderId: parent,
      folders: [{ kind: 'Folder', displayName: name, folderClass: 'IPF.Note' }],
    });
    return m.folders![0]!.folderId!;
  }

  /**
   * `count` received messages in `folder` (not drafts), one minute apart, oldest first, via
   * CreateItem with properties — the way an import fills a folder.
   */
  async fill(folder: FolderRef, count: number, label = 'Message', base = Date.UTC(2026, 0, 1)): Promise<ItemId[]> {
    const ids: ItemId[] = [];
    for (let start = 0; start < count; start += 100) {
      const items: Item[] = [];
      for (let i = start; i < Math.min(count, start + 100); i++)
        items.push({
          kind: 'Message',
          subject: `${label} ${i}`,
          body: { bodyType: 'Text', value: `Body of ${label.toLowerCase()} ${i}.` },
          from: { name: 'Sender', emailAddress: 'sender@example.com' },
          toRecipients: [{ emailAddress: this.user }],
          extendedProperties: [
            { field: FLAGS, value: i % 3 === 0 ? '1' : '0' },
            { field: DELIVERY_TIME, value: new Date(base + i * 60_000).toISOString() },
          ],
        });
      const messages = await this.call(CreateItem, {
        messageDisposition: 'SaveOnly',
        savedItemFolderId: folder,
        items,
      });
      for (const m of messages) {
        if (m.responseClass !== 'Success') throw new Error(`CreateItem: ${m.responseCode}`);
        ids.push(m.items![0]!.itemId!);
      }
    }
    return ids;
  }

  /** Pages SyncFolderItems to the end; returns every change in order and the last state. */
  async syncAll(
    folder: FolderRef,
    state?: string,
    max = 512,
    shape: ItemShape = { baseShape: 'IdOnly' },
  ): Promise<{ changes: ItemChange[]; state: string; pages: number }> {
    const changes: ItemChange[] = [];
    for (let pages = 1; ; pages++) {
      const m = await this.one(SyncFolderItems, {
        itemShape: shape,
        syncFolderId: folder,
        ...(state ? { syncState: state } : {}),
        maxChangesReturned: max,
      });
      changes.push(...m.changes!);
      state = m.syncState!;
      if (m.includesLastItemInRange) return { changes, state, pages };
    }
  }

  /** What the folder holds now, by FindItem: id → IsRead. */
  async list(folder: FolderRef): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    for (let offset = 0; ;) {
      const m = await this.one(FindItem, {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:IsRead' }] },
        view: { kind: 'Indexed', maxEntriesReturned: 1000, offset, basePoint: 'Beginning' },
        parentFolderIds: [folder],
      });
      for (const i of m.rootFolder!.items) out.set(i.itemId!.id, !!i.isRead);
      offset = m.rootFolder!.indexedPagingOffset!;
      if (m.rootFolder!.includesLastItemInRange) return out;
    }
  }
}
