import { Hono } from 'hono';
import { GetAttachment, GetItem, attachmentFileName, decodeResponse, type Attachment } from '../ews/index.js';
import type { CredentialCheck } from './auth/credential-check.js';
import { sessionCredentials } from './auth/session-credentials.js';
import type { Sessions } from './auth/sessions.js';
import type { Env } from './connection.js';
import { askAs, type Ask, type EwsBackend } from './ews-backend.js';
import { EwsRefusal } from './ews-request.js';
import { attachmentAnswer, downloadOf, NOT_THERE } from './attachment-answer.js';
import { plainAnswer } from './backend-answer.js';
import { downloadAnswer } from './download-answer.js';

/**
 * Where the reader's download links point: `/attachments/<id>?name=<file name>&item=<message
 * id>&size=<bytes>`. `item` and `size` let a stale id be found again (see below).
 */
export const ATTACHMENTS_PATH = '/attachments/';

export interface AttachmentDownload {
  sessions: Sessions;
  backend: EwsBackend;
  /** Proxy mode's allow-list, as on `/ews`. */
  allowed?: (name: string) => boolean;
  /** Mailbox mode re-checks the session's password, as on `/ews`. */
  recheck?: CredentialCheck;
}

/**
 * Where a message's own download (its MIME source, an .eml file) points: `/api/message/<id>?name=
 * <file name>`. Under /api/, which the service worker never answers and no cache keeps.
 */
export const MESSAGES_PATH = '/api/message/';

/**
 * A download route under `path`: the session's user, the id from the address, and `ask`, which
 * sends requests as that user (see askAs).
 */
function downloadRoute(
  app: Hono<Env>,
  e: AttachmentDownload,
  path: string,
  what: keyof typeof NOT_THERE,
  serve: (id: string, url: URL, ask: Ask) => Promise<Response>,
): void {
  app.get(`${path}*`, async (c) => {
    const session = await sessionCredentials(c, e.sessions, e.recheck);
    if (!session.ok) return plainAnswer(401, session.message);
    const url = new URL(c.req.url);
    let id: string;
    try {
      id = decodeURIComponent(url.pathname.slice(path.length));
    } catch {
      return plainAnswer(400, `The ${what} id in the address is not valid URL encoding.`);
    }
    if (!id) return plainAnswer(400, `No ${what} id: download links have the form ${path}<id>.`);
    const unauthorized = (message: string) => plainAnswer(401, message);
    const ask = askAs({ credentials: session.credentials, c, unauthorized }, e.backend, e.allowed);
    try {
      return await serve(id, url, ask);
    } catch (err) {
      if (err instanceof EwsRefusal) return plainAnswer(err.status === 500 ? 400 : err.status, err.message);
      throw err;
    }
  });
}

/**
 * `GET /attachments/<id>?name=…`: one attachment as a download, for the session's user, and
 * `GET /api/message/<id>?name=…`: a whole message as the server holds it, an .eml file. The server
 * decodes the base64 here, so the page and the worker never hold a SOAP answer of many megabytes.
 * A plain link works: the SameSite=Strict cookie keeps other sites' links from carrying the session.
 */
export function attachmentDownload(e: AttachmentDownload): Hono<Env> {
  const app = new Hono<Env>();
  downloadRoute(app, e, ATTACHMENTS_PATH, 'attachment', async (id, url, ask) => {
    const name = url.searchParams.get('name') ?? undefined;
    const get = async (attachmentId: string) =>
      attachmentAnswer(
        await ask(GetAttachment, { attachmentShape: { includeMimeContent: true }, attachmentIds: [attachmentId] }),
        name,
      );
    const answer = await get(id);
    const item = url.searchParams.get('item');
    if (answer.status !== 404 || !item || !name) return answer;
    // Exchange derives attachment ids from the message's: a message moved since the page stored
    // its attachment list has new ones. Ask the message (the page knows its id now) for its own.
    const again = await currentId(await ask(GetItem, attachmentsOf(item)), name, url.searchParams.get('size'));
    return again && again !== id ? await get(again) : answer;
  });
  downloadRoute(app, e, MESSAGES_PATH, 'message', async (id, url, ask) => {
    const answer = await ask(GetItem, {
      itemShape: { baseShape: 'IdOnly', includeMimeContent: true },
      itemIds: [{ id }],
    });
    return downloadOf(GetItem, 'message', answer, (message) => {
      const mime = message.items?.[0]?.mimeContent;
      if (mime === undefined) return plainAnswer(404, NOT_THERE.message);
      const name = attachmentFileName({ kind: 'ItemAttachment', name: url.searchParams.get('name') ?? '' });
      return downloadAnswer(Buffer.from(mime, 'base64'), name, 'message/rfc822');
    });
  });
  return app;
}

const attachmentsOf = (id: string) => ({
  itemShape: { baseShape: 'IdOnly' as const, additionalProperties: [{ fieldURI: 'item:Attachments' }] },
  itemIds: [{ id }],
});

/** The id the message gives now to its attachment called `name` (of `size` bytes, when known). */
async function currentId(answer: Response, name: string, size: string | null): Promise<string | undefined> {
  if (answer.status !== 200) return undefined;
  try {
    const [m] = decodeResponse(GetItem, await answer.text()).messages;
    const list = m?.items?.[0]?.attachments ?? [];
    // The page names an attached message by its file name (see attachmentFileName).
    const named = (a: Attachment) => a.name === name || attachmentFileName(a) === name;
    return list.find((a) => named(a) && (size === null || String(a.size) === size))?.attachmentId;
  } catch {
    return undefined;
  }
}
