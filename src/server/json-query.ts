import { Hono, type Context } from 'hono';
import type { CredentialCheck } from './auth/credential-check.js';
import { crossSiteReason } from './auth/same-origin.js';
import { sessionCredentials } from './auth/session-credentials.js';
import type { Sessions } from './auth/sessions.js';
import { plainAnswer } from './backend-answer.js';
import type { Env } from './connection.js';
import { askAs, type Ask, type EwsBackend } from './ews-backend.js';
import { EwsRefusal } from './ews-request.js';
import { mediaType } from './media-type.js';
import { BodyNotText, BodyTooLarge } from './read-body.js';
import { readRequestBody } from './request-body.js';

/** What a route the page asks with `{ "query": "…" }` needs to answer it. */
export interface QueryRoute {
  sessions: Sessions;
  backend: EwsBackend;
  /** Proxy mode's allow-list, as on `/ews`. */
  allowed?: (name: string) => boolean;
  /** Mailbox mode re-checks the session's password, as on `/ews`. */
  recheck?: CredentialCheck;
}

const MAX_BODY_BYTES = 4096;

/**
 * The checks of a page's `POST { "query": "…" }` (the mail search, the directory): same origin, a
 * live session, JSON (not a CORS-simple type, so no cross-site form can send it), a small body.
 * Answers the query and how to ask the backend as the signed-in user, or the refusal to send back.
 */
async function readQuery(c: Context<Env>, e: QueryRoute): Promise<{ query: string; ask: Ask } | Response> {
  const cross = crossSiteReason(c);
  if (cross) return plainAnswer(403, `Refused: ${cross}.`);
  const session = await sessionCredentials(c, e.sessions, e.recheck);
  if (!session.ok) return plainAnswer(401, session.message);
  if (mediaType(c.req.header('content-type')) !== 'application/json')
    return plainAnswer(415, 'Send the request as application/json: { "query": "…" }.');
  let query: unknown;
  try {
    query = (JSON.parse(await readRequestBody(c, MAX_BODY_BYTES)) as { query?: unknown } | null)?.query;
  } catch (err) {
    if (err instanceof BodyTooLarge) return plainAnswer(413, err.message);
    if (err instanceof SyntaxError || err instanceof BodyNotText)
      return plainAnswer(400, `The request is not JSON: ${err.message}`);
    throw err;
  }
  if (typeof query !== 'string') return plainAnswer(400, 'Send the request as { "query": "…" }.');
  const unauthorized = (message: string) => plainAnswer(401, message);
  return { query, ask: askAs({ credentials: session.credentials, c, unauthorized }, e.backend, e.allowed) };
}

/** What a `{ query }` route answers, asking the backend with `ask` as the signed-in user. */
export type QueryAnswer = (query: string, ask: Ask, c: Context<Env>) => Promise<Response>;

/**
 * `POST path` with `{ "query": "…" }`: the checks above, then `answer`. A request of its own the
 * server's EWS reader refuses (proxy mode's allow-list, a limit) is answered with that refusal.
 */
export function queryRoute(path: string, e: QueryRoute, answer: QueryAnswer): Hono<Env> {
  const app = new Hono<Env>();
  app.post(path, async (c) => {
    const read = await readQuery(c, e);
    if (read instanceof Response) return read;
    try {
      return await answer(read.query, read.ask, c);
    } catch (err) {
      if (err instanceof EwsRefusal) return plainAnswer(err.status === 500 ? 400 : err.status, err.message);
      throw err;
    }
  });
  return app;
}
