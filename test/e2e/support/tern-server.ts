import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeResponse,
  encodeRequest,
  FindFolder,
  FindItem,
  GetAttachment,
  GetItem,
  type Folder,
  type Item,
  type Operation,
} from '../../../src/ews/index.js';
import { createApp, type AppDeps } from '../../../src/server/app.js';
import { listen, type Listening } from '../../../src/server/listen.js';
import type { Mailbox } from '../../../src/server/mailbox/mailbox.js';
import { openMailbox } from '../../../src/server/mailbox/index.js';
import { startSmtp } from '../../../src/server/smtp.js';

export const DEMO = { user: 'demo@tern.test', password: 'demo' } as const;
export const ADA = { user: 'ada@tern.test', password: 'demo' } as const;

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

export interface TernServer {
  /** http://127.0.0.1:<port>, the same across stop/start, so the browser keeps its origin. */
  url: string;
  smtpPort: number;
  mailbox: Mailbox;
  /** Stops answering HTTP (the server "goes away"); SMTP keeps running. */
  stop(): Promise<void>;
  /** Answers again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Tern server in this process, as `npm start` runs it: the embedded mailbox in a fresh
 * temporary folder with a small seed, the HTTP app serving the built PWA (`dist/`, built by
 * `npm run test:e2e` before the tests), and SMTP ingress on loopback.
 */
export async function startTern(
  options: { seedMessages?: number; distDir?: string; imageHosts?: AppDeps['imageHosts'] } = {},
): Promise<TernServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tern-e2e-data-'));
  const mailbox = openMailbox({ dataDir, seedMessages: options.seedMessages ?? 300 });
  const app = createApp({
    mailbox,
    distDir: options.distDir ?? DIST,
    sessionSecret: 'tern end-to-end tests, not a secret',
    faultInjection: true,
    ...(options.imageHosts ? { imageHosts: options.imageHosts } : {}),
  });
  let http: Listening | undefined = await listen(app, { port: 0, host: '127.0.0.1' });
  const port = http.port;
  const smtp = await startSmtp(mailbox, { port: 0, host: '127.0.0.1' });
  return {
    url: http.url,
    smtpPort: smtp.port,
    mailbox,
    async stop() {
      await http?.close();
      http = undefined;
    },
    async start() {
      http ??= await listen(app, { port, host: '127.0.0.1' });
    },
    async close() {
      await http?.close();
      await smtp.close();
      mailbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One EWS call as `user`, straight to the mailbox (the server side of a test), with the codec. */
export async function ews<Req, Msg>(server: TernServer, op: Operation<Req, Msg>, req: Req, user: string = DEMO.user) {
  return decodeResponse(op, (await server.mailbox.handle(user, encodeRequest(op, req))).body).messages;
}

/** Every item of a user's well-known folder as the server has it: subject, read state, flag, Message-ID. */
export async function serverItems(server: TernServer, folder: string, user: string = DEMO.user): Promise<Item[]> {
  const [found] = await ews(
    server,
    FindItem,
    {
      traversal: 'Shallow',
      itemShape: {
        baseShape: 'IdOnly',
        additionalProperties: ['item:Subject', 'message:IsRead', 'item:Flag', 'message:InternetMessageId'].map(
          (fieldURI) => ({ fieldURI }),
        ),
      },
      view: { kind: 'Indexed', maxEntriesReturned: 1000, offset: 0, basePoint: 'Beginning' },
      parentFolderIds: [{ distinguished: folder }],
    },
    user,
  );
  if (found?.responseClass !== 'Success') throw new Error(`FindItem ${folder}: ${found?.messageText}`);
  return found.rootFolder?.items ?? [];
}

/** Ids of the messages with this subject in a user's well-known folder. */
export async function idsIn(server: TernServer, folder: string, subject: string, user: string = DEMO.user) {
  const [found] = await ews(
    server,
    FindItem,
    {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
      parentFolderIds: [{ distinguished: folder }],
    },
    user,
  );
  return (found?.rootFolder?.items ?? []).filter((i) => i.subject === subject).map((i) => i.itemId!.id);
}

/** The file attachments (not inline images) of a user's message, as name → base64 bytes. */
export async function filesOf(server: TernServer, user: string, id: string): Promise<Map<string, string>> {
  const [got] = await ews(
    server,
    GetItem,
    { itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] }, itemIds: [{ id }] },
    user,
  );
  const files = (got?.items?.[0]?.attachments ?? []).filter((a) => !a.isInline || !a.contentId);
  if (files.length === 0) return new Map();
  const contents = await ews(server, GetAttachment, { attachmentIds: files.map((a) => a.attachmentId!) }, user);
  return new Map(contents.map((m) => [m.attachments![0]!.name!, m.attachments![0]!.content ?? '']));
}

/** Every folder of a user as the server sees it (FindFolder Deep from the root), by display name. */
export async function serverFolders(mailbox: Mailbox, user: string = DEMO.user): Promise<Folder[]> {
  const soap = encodeRequest(FindFolder, {
    traversal: 'Deep',
    folderShape: { baseShape: 'AllProperties' },
    parentFolderIds: [{ distinguished: 'msgfolderroot' }],
  });
  const answer = await mailbox.handle(user, soap);
  const message = decodeResponse(FindFolder, answer.body).messages[0];
  if (message?.responseClass !== 'Success') throw new Error(`FindFolder failed: ${message?.messageText}`);
  return message.rootFolder?.folders ?? [];
}

/** A fault for the mailbox's injection endpoint (src/server/faults.ts). */
export interface Fault {
  kind: string;
  op?: string;
  count?: number;
  ms?: number;
  backOffMs?: number;
}

/** Queues faults through `POST /admin/faults`, as a test harness drives the server. */
export async function addFaults(server: TernServer, faults: Fault[]): Promise<void> {
  const res = await fetch(`${server.url}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  if (!res.ok) throw new Error(`POST /admin/faults: HTTP ${res.status} ${await res.text()}`);
}

export async function clearFaults(server: TernServer): Promise<void> {
  await fetch(`${server.url}/admin/faults`, { method: 'DELETE' });
}
