import {
  CreateItem,
  FindFolder,
  FindItem,
  GetAttachment,
  GetItem,
  UpdateItem,
  type Folder,
  type FolderId,
  type FolderRef,
  type Item,
  type ItemId,
} from '../../src/ews/index.js';
import { EwsClient } from '../contract/ews-client.js';

/** The User-Agent of the probe's own requests, so the log tells them from the client's. */
export const PROBE_AGENT = 'tern-clients-probe';

/**
 * The server-side view the check verifies each client step against: EWS over HTTP with Basic
 * auth, requests and answers through Tern's codec, never through the client under test.
 */
export class Probe {
  private readonly client: EwsClient;

  constructor(ews: string, user: string, password: string) {
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.client = new EwsClient(
      {
        send: async (_user, soap) => {
          const res = await fetch(ews, {
            method: 'POST',
            headers: { authorization: auth, 'content-type': 'text/xml; charset=utf-8', 'user-agent': PROBE_AGENT },
            body: soap,
            signal: AbortSignal.timeout(30_000),
          });
          return res.text();
        },
        close: async () => {},
      },
      user,
      [],
    );
  }

  /** Every item of `folder` with subject, read flag, Message-ID, received time, follow-up flag and categories. */
  async items(folder: FolderRef): Promise<Item[]> {
    const out: Item[] = [];
    for (let offset = 0; ;) {
      const m = await this.client.one(FindItem, {
        traversal: 'Shallow',
        itemShape: {
          baseShape: 'IdOnly',
          additionalProperties: [
            { fieldURI: 'item:Subject' },
            { fieldURI: 'message:IsRead' },
            { fieldURI: 'message:InternetMessageId' },
            { fieldURI: 'item:DateTimeReceived' },
            { fieldURI: 'item:Flag' },
            { fieldURI: 'item:Categories' },
          ],
        },
        view: { kind: 'Indexed', maxEntriesReturned: 500, offset, basePoint: 'Beginning' },
        parentFolderIds: [folder],
      });
      out.push(...m.rootFolder!.items);
      offset = m.rootFolder!.indexedPagingOffset!;
      if (m.rootFolder!.includesLastItemInRange) return out;
    }
  }

  /** Every folder under the message root, with names and counts. */
  async folders(): Promise<Folder[]> {
    const m = await this.client.one(FindFolder, {
      traversal: 'Deep',
      folderShape: {
        baseShape: 'IdOnly',
        additionalProperties: [
          { fieldURI: 'folder:DisplayName' },
          { fieldURI: 'folder:FolderClass' },
          { fieldURI: 'folder:TotalCount' },
          { fieldURI: 'folder:ParentFolderId' },
        ],
      },
      parentFolderIds: [{ distinguished: 'msgfolderroot' }],
    });
    return m.rootFolder!.folders;
  }

  /** Mail folders by path of display names under the message root (`Projects/Alpha`). */
  async folderPaths(): Promise<Map<string, { id: FolderId; folderClass: string | undefined }>> {
    const folders = await this.folders();
    const byId = new Map(folders.map((f) => [f.folderId!.id, f]));
    const path = (f: Folder): string => {
      const parent = f.parentFolderId && byId.get(f.parentFolderId.id);
      return parent ? `${path(parent)}/${f.displayName}` : f.displayName!;
    };
    return new Map(folders.map((f) => [path(f), { id: f.folderId!, folderClass: f.folderClass }]));
  }

  /** The items of `folder` whose Message-ID is `messageId` (with or without angle brackets). */
  async withMessageId(folder: FolderRef, messageId: string): Promise<Item[]> {
    const want = bare(messageId);
    return (await this.items(folder)).filter((i) => i.internetMessageId && bare(i.internetMessageId) === want);
  }

  /** The items of `folder` whose subject is exactly `subject`. */
  async withSubject(folder: FolderRef, subject: string): Promise<Item[]> {
    return (await this.items(folder)).filter((i) => i.subject === subject);
  }

  /** The stored MIME of an item, as GetItem with IncludeMimeContent gives it. */
  async mime(id: ItemId): Promise<Buffer> {
    const m = await this.client.one(GetItem, {
      itemShape: { baseShape: 'IdOnly', includeMimeContent: true },
      itemIds: [{ id: id.id }],
    });
    return Buffer.from(m.items![0]!.mimeContent ?? '', 'base64');
  }

  /** The file attachments of an item with their content, as GetItem and GetAttachment give them. */
  async attachments(id: ItemId): Promise<{ name: string; content: Buffer }[]> {
    const m = await this.client.one(GetItem, {
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
      itemIds: [{ id: id.id }],
    });
    const out: { name: string; content: Buffer }[] = [];
    for (const a of m.items![0]!.attachments ?? []) {
      if (a.kind !== 'FileAttachment') continue;
      const got = await this.client.one(GetAttachment, { attachmentIds: [a.attachmentId!] });
      out.push({ name: a.name ?? '', content: Buffer.from(got.attachments![0]!.content ?? '', 'base64') });
    }
    return out;
  }

  /** Sets the read flag from another client, the way a second device would. */
  async setRead(id: ItemId, isRead: boolean): Promise<void> {
    await this.client.one(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: { id: id.id },
          updates: [{ kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead } }],
        },
      ],
    });
  }

  /** Sends a plain-text message as this user, with a copy in their Sent Items. */
  async send(to: string, subject: string, text: string): Promise<void> {
    await this.client.one(CreateItem, {
      messageDisposition: 'SendAndSaveCopy',
      savedItemFolderId: { distinguished: 'sentitems' },
      items: [
        { kind: 'Message', subject, body: { bodyType: 'Text', value: text }, toRecipients: [{ emailAddress: to }] },
      ],
    });
  }
}

const bare = (messageId: string) => messageId.trim().replace(/^<|>$/g, '');
