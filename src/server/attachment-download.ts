import { Hono } from 'hono';
import { DEFAULT_LIMITS, GetAttachment, encodeRequest } from '../ews/index.js';
import type { CredentialCheck } from './auth/credential-check.js';
import { sessionCredentials } from './auth/session-credentials.js';
import type { Sessions } from './auth/sessions.js';
import type { Env } from './connection.js';
import type { EwsBackend } from './ews-backend.js';
import { EwsRefusal, readEwsRequest } from './ews-request.js';
import { attachmentAnswer, plainAnswer } from './attachment-answer.js';

/** Where the reader's download links point: `/attachments/<id>?name=<file name>`. */
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
 * `GET /attachments/<id>?name=…`: one attachment as a download, for the session's user. The server
 * asks GetAttachment of the same backend `/ews` uses (mailbox or upstream) and decodes the base64
 * here, so the page and the worker never hold a SOAP answer of many megabytes. A plain link works:
 * the SameSite=Strict cookie keeps other sites' links from carrying the session.
 */
export function attachmentDownload(e: AttachmentDownload): Hono<Env> {
  const app = new Hono<Env>();
  app.get(`${ATTACHMENTS_PATH}*`, async (c) => {
    const session = await sessionCredentials(c, e.sessions, e.recheck);
    if (!session.ok) return plainAnswer(401, session.message);
    const url = new URL(c.req.url);
    let id: string;
    try {
      id = decodeURIComponent(url.pathname.slice(ATTACHMENTS_PATH.length));
    } catch {
      return plainAnswer(400, 'The attachment id in the address is not valid URL encoding.');
    }
    if (!id) return plainAnswer(400, `No attachment id: download links have the form ${ATTACHMENTS_PATH}<id>.`);
    // The request goes through the same reader as the PWA's own SOAP, allow-list included.
    const xml = encodeRequest(GetAttachment, { attachmentShape: { includeMimeContent: true }, attachmentIds: [id] });
    let req;
    try {
      req = readEwsRequest(xml, DEFAULT_LIMITS, e.allowed);
    } catch (err) {
      if (err instanceof EwsRefusal) return plainAnswer(err.status === 500 ? 400 : err.status, err.message);
      throw err;
    }
    const answer = await e.backend({
      req,
      credentials: session.credentials,
      c,
      unauthorized: (message) => plainAnswer(401, message),
    });
    return attachmentAnswer(answer, url.searchParams.get('name') ?? undefined);
  });
  return app;
}
