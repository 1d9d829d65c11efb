/**
 * The engine against the real Tern server in process: `createApp` on an in-memory mailbox,
 * reached through `app.request()` on the standard EWS endpoint with Basic auth. Server-side
 * changes are made through EWS with the same codec (as the user from "another client", or as
 * the other demo user), or by SMTP-style delivery. Nothing here imitates EWS.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createApp } from '../../src/server/app.js';
import type { Fault } from '../../src/server/faults.js';
import { mimeMessage } from '../../src/server/testing/seed-attachments.js';
import { openMailbox } from '../../src/server/mailbox/index.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import {
  CreateFolder,
  decodeResponse,
  encodeRequest,
  FindFolder,
  FindItem,
  GetFolder,
  type Folder,
  type Item,
  SoapFault,
  type Operation,
  type Response as EwsResponse,
} from '../../src/ews/index.js';
import { isMailFolder, openMailDB, type MailDB } from '../../src/db/index.js';
import {
  createEngine,
  fetchTransport,
  manualClock,
  TransportError,
  type Engine,
  type SyncEvent,
  type SyncSettings,
  type Transport,
} from '../../src/sync/index.js';

export const DEMO = 'demo@tern.test';
export const ADA = 'ada@tern.test';
const PASSWORD = 'demo';

export interface Sent {
  op: string;
  /** The engine clock when the request went out. */
  at: number;
}

/** A fault for the server's fault queue (`POST /admin/faults`). */
export type FaultSpec = Fault;

/** The faults an outbox replay must come through with every change made exactly once. */
export const REPLAY_FAULTS: readonly FaultSpec['kind'][] = [
  'apply-then-drop',
  'apply-then-cut',
  'drop',
  'busy-fault',
  'busy-message',
  'http-503',
];

let dbCounter = 0;

export class Harness {
  readonly sent: Sent[] = [];
  readonly events: SyncEvent[] = [];
  /** The device's IndexedDB: a restarted worker opens it again. */
  private indexedDB = new IDBFactory();
  readonly dbName = `sync-${++dbCounter}`;
  db: MailDB;
  /** Set to make the engine's transport fail from the next request on (a killed network). */
  cut: ((op: string) => boolean) | undefined;
  /** Awaited before each engine request: lets a test look at the store between requests. */
  observe: ((op: string) => Promise<void>) | undefined;

  private constructor(
    readonly mailbox: Mailbox,
    readonly app: ReturnType<typeof createApp>,
    /** One clock for the engine and the server: a back-off waited out is waited out for both. */
    readonly clock: ReturnType<typeof manualClock>,
  ) {
    this.db = this.openDB();
  }

  /** Another connection to the same database (what a restarted worker gets). */
  openDB(): MailDB {
    return openMailDB(this.dbName, { indexedDB: this.indexedDB, IDBKeyRange });
  }

  /** A new, empty device against the same server. */
  newDevice(): void {
    this.db.close();
    this.indexedDB = new IDBFactory();
    this.db = this.openDB();
  }

  /** `budget`: the server's request budget per burst (Exchange-like by default). */
  static async open(seedMessages = 0, budget?: number): Promise<Harness> {
    const clock = manualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
    const mailbox = openMailbox({
      dataDir: ':memory:',
      seedMessages,
      clock: () => clock.now(),
      ...(budget ? { throttle: { burst: budget } } : {}),
    });
    return new Harness(mailbox, createApp({ mailbox, log: () => {}, faultInjection: true }), clock);
  }

  /**
   * The server as `user` sees it through HTTP: the browser's transport, with `app.request` as its
   * fetch. A dropped connection rejects as fetch does; an answer cut short fails as it is read.
   */
  transportFor(user: string): Transport {
    const authorization = `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`;
    return fetchTransport('/EWS/Exchange.asmx', {
      fetch: async (url, init) =>
        this.app.request(String(url), { ...init, headers: { ...(init?.headers as object), authorization } }),
    });
  }

  /** The engine's transport: counts every request and can be cut. */
  get engineTransport(): Transport {
    const inner = this.transportFor(DEMO);
    return async (soap, signal) => {
      const op = /<m:(\w+)[\s>]/.exec(soap.slice(soap.indexOf('Body')))?.[1] ?? '?';
      if (this.cut?.(op)) throw new TransportError('unreachable', 'cut by the test');
      await this.observe?.(op);
      this.sent.push({ op, at: this.clock.now() });
      return inner(soap, signal);
    };
  }

  engine(settings: Partial<SyncSettings> = {}, db: MailDB = this.db): Engine {
    return createEngine({
      db,
      transport: this.engineTransport,
      clock: this.clock,
      settings: { prefetchBodies: false, ...settings },
      emit: (e) => this.events.push(e),
      random: () => 0.5,
    });
  }

  requestsSince(mark: number): string[] {
    return this.sent.slice(mark).map((s) => s.op);
  }

  /** One EWS call as `user` (another client of the same mailbox, or the other user). */
  async ews<Req, Msg>(op: Operation<Req, Msg>, req: Req, user = DEMO): Promise<EwsResponse<Msg>[]> {
    let failures = 0;
    for (;;) {
      try {
        const messages = decodeResponse(op, await this.transportFor(user)(encodeRequest(op, req))).messages;
        const busy = messages.find((m) => m.responseCode === 'ErrorServerBusy');
        if (!busy) return messages;
        this.clock.advance(Number(busy.messageXml?.['BackOffMilliseconds'] ?? 1000));
      } catch (err) {
        // The server's request budget is shared with the engine: wait as a polite client would.
        // A fault queued for the engine may also hit this other client: it tries again.
        if (err instanceof SoapFault && err.code === 'ErrorServerBusy') this.clock.advance(err.backOffMs ?? 1000);
        else if (err instanceof TransportError && ++failures < 5) this.clock.advance(1000);
        else throw err;
      }
    }
  }

  async faults(faults: FaultSpec[]): Promise<void> {
    const res = await this.app.request('/admin/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    if (res.status !== 200) throw new Error(`faults refused: ${await res.text()}`);
  }

  async clearFaults(): Promise<void> {
    await this.app.request('/admin/faults', { method: 'DELETE' });
  }

  /** Delivers a message from Ada to the demo user's Inbox (SMTP ingress). */
  async deliver(subject: string, body = 'Hello', replyTo?: string): Promise<void> {
    const mime = mimeMessage({
      from: `Ada <${ADA}>`,
      to: `Demo <${DEMO}>`,
      ...(replyTo ? { replyTo } : {}),
      subject,
      date: new Date(this.clock.now()),
      text: body,
    });
    const took = await this.mailbox.deliver(mime, [DEMO], ADA);
    if (!took.includes(DEMO)) throw new Error('delivery refused');
  }

  async createServerFolder(
    name: string,
    parent: string | { distinguished: string } = { distinguished: 'msgfolderroot' },
  ) {
    const [m] = await this.ews(CreateFolder, {
      parentFolderId: typeof parent === 'string' ? { id: parent } : parent,
      folders: [{ kind: 'Folder', folderClass: 'IPF.Note', displayName: name }],
    });
    const id = m?.folders?.[0]?.folderId?.id;
    if (!id) throw new Error(`CreateFolder failed: ${m?.responseCode}`);
    return id;
  }

  /** The server's mail folders (FindFolder Deep from msgfolderroot). */
  async serverFolders(): Promise<Folder[]> {
    const [found] = await this.ews(FindFolder, {
      traversal: 'Deep',
      folderShape: {
        baseShape: 'IdOnly',
        additionalProperties: ['folder:DisplayName', 'folder:ParentFolderId', 'folder:FolderClass'].map((fieldURI) => ({
          fieldURI,
        })),
      },
      parentFolderIds: [{ distinguished: 'msgfolderroot' }],
    });
    return (found?.rootFolder?.folders ?? []).filter((f) =>
      isMailFolder({ kind: f.kind, folderClass: f.folderClass ?? '' }),
    );
  }

  /** Every mail folder of the server with its counts, and every item with what the list shows. */
  async serverSnapshot(): Promise<Snapshot> {
    const folders = await this.serverFolders();
    const counts = await this.ews(GetFolder, {
      folderShape: {
        baseShape: 'IdOnly',
        additionalProperties: [{ fieldURI: 'folder:TotalCount' }, { fieldURI: 'folder:UnreadCount' }],
      },
      folderIds: folders.map((f) => ({ id: f.folderId!.id })),
    });
    const snap: Snapshot = new Map();
    for (const [i, f] of folders.entries()) {
      const c = counts[i]?.folders?.[0];
      snap.set(f.folderId!.id, {
        name: f.displayName ?? '',
        parentId: f.parentFolderId?.id ?? '',
        total: c?.totalCount ?? -1,
        unread: c?.unreadCount ?? -1,
        items: await this.serverItems(f),
      });
    }
    return snap;
  }

  private async serverItems(f: Folder): Promise<Map<string, ItemState>> {
    const items = new Map<string, ItemState>();
    for (let offset = 0; ;) {
      const [m] = await this.ews(FindItem, {
        traversal: 'Shallow',
        itemShape: {
          baseShape: 'IdOnly',
          additionalProperties: [
            { fieldURI: 'message:IsRead' },
            { fieldURI: 'item:Flag' },
            { fieldURI: 'item:Subject' },
            { fieldURI: 'item:Categories' },
          ],
        },
        view: { kind: 'Indexed', maxEntriesReturned: 1000, offset, basePoint: 'Beginning' },
        parentFolderIds: [{ id: f.folderId!.id }],
      });
      const root = m?.rootFolder;
      if (!root) throw new Error(`FindItem failed: ${m?.responseCode}`);
      for (const it of root.items) items.set(it.itemId!.id, itemState(it));
      offset += root.items.length;
      if (root.includesLastItemInRange || root.items.length === 0) return items;
    }
  }

  /** The local rows of a folder. */
  rowsIn(folderId: string) {
    return this.db.messages
      .where('[folderId+receivedAt]')
      .between([folderId, -Infinity], [folderId, Infinity])
      .toArray();
  }

  async localSnapshot(): Promise<Snapshot> {
    const snap: Snapshot = new Map();
    for (const f of (await this.db.folders.toArray()).filter(isMailFolder)) {
      const rows = await this.rowsIn(f.id);
      snap.set(f.id, {
        name: f.name,
        parentId: f.parentId,
        total: f.total,
        unread: f.unread,
        items: new Map(
          rows.map((r) => [
            r.id,
            {
              changeKey: r.changeKey,
              isRead: r.isRead === 1,
              flag: r.flag,
              subject: r.subject,
              categories: r.categories ?? [],
            },
          ]),
        ),
      });
    }
    return snap;
  }

  close(): void {
    this.db.close();
    this.mailbox.close();
  }
}

export interface ItemState {
  changeKey: string;
  isRead: boolean;
  flag: number;
  subject: string;
  categories: string[];
}

export interface FolderState {
  name: string;
  parentId: string;
  total: number;
  unread: number;
  items: Map<string, ItemState>;
}

export type Snapshot = Map<string, FolderState>;

const FLAG: Record<string, number> = { NotFlagged: 0, Flagged: 1, Complete: 2 };

function itemState(it: Item): ItemState {
  return {
    changeKey: it.itemId?.changeKey ?? '',
    isRead: it.isRead ?? true,
    flag: FLAG[it.flag?.flagStatus ?? 'NotFlagged'] ?? 0,
    subject: it.subject ?? '',
    categories: it.categories ?? [],
  };
}

/** Plain objects, sorted, so a failing comparison prints a readable diff. */
export function plain(s: Snapshot) {
  return Object.fromEntries(
    [...s.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, f]) => [
        id,
        {
          ...f,
          items: Object.fromEntries([...f.items.entries()].sort(([a], [b]) => a.localeCompare(b))),
        },
      ]),
  );
}
