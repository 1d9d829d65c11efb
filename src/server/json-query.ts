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

const MAX_QUERY_BYTES = 4096;

/** The signed-in user a page's request acts as, and how to ask the backend as them. */
export interface Asker {
  ask: Ask;
  /** The signed-in user's address (as they signed in). */
  user: string;
}

/**
 * The checks every page's JSON route makes: same origin and a live session. Answers how to ask
 * the backend as the signed-in user, or the refusal to send back.
 */
export async function signedInAsker(c: Context<Env>, e: QueryRoute): Promise<Asker | Response> {
  const cross = crossSiteReason(c);
  if (cross) return plainAnswer(403, `Refused: ${cross}.`);
  const session = await sessionCredentials(c, e.sessions, e.recheck);
  if (!session.ok) return plainAnswer(401, session.message);
  const unauthorized = (message: string) => plainAnswer(401, message);
  return {
    ask: askAs({ credentials: session.credentials, c, unauthorized }, e.backend, e.allowed),
    user: session.credentials.user,
  };
}

/**
 * A page's JSON body: JSON (not a CORS-simple type, so no cross-site form can send it), small,
 * parsed; or the refusal to send back, which says what to send (`shape`).
 */
export async function readJsonBody(
  c: Context<Env>,
  shape: string,
  maxBytes = MAX_QUERY_BYTES,
): Promise<{ body: unknown } | Response> {
  if (mediaType(c.req.header('content-type')) !== 'application/json')
    return plainAnswer(415, `Send the request as application/json: ${shape}.`);
  try {
    return { body: JSON.parse(await readRequestBody(c, maxBytes)) as unknown };
  } catch (err) {
    if (err instanceof BodyTooLarge) return plainAnswer(413, err.message);
    if (err instanceof SyntaxError || err instanceof BodyNotText)
      return plainAnswer(400, `The request is not JSON: ${err.message}`);
    throw err;
  }
}

/**
 * The checks of a page's `POST { "query": "…" }` (the mail search, the directory), then the query
 * and how to ask the backend as the signed-in user, or the refusal to send back.
 */
async function readQuery(c: Context<Env>, e: QueryRoute): Promise<{ query: string; ask: Ask } | Response> {
  const asker = await signedInAsker(c, e);
  if (asker instanceof Response) return asker;
  const read = await readJsonBody(c, '{ "query": "…" }');
  if (read instanceof Response) return read;
  const query = (read.body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') return plainAnswer(400, 'Send the request as { "query": "…" }.');
  return { query, ask: asker.ask };
}

/**
 * A page's JSON route: `answer`, except that a request of its own the server's EWS reader refuses
 * (proxy mode's allow-list, a limit) is answered with that refusal, as the page should see it.
 */
export function refusalsAnswered(answer: (c: Context<Env>) => Promise<Response>) {
  return async (c: Context<Env>): Promise<Response> => {
    try {
      return await answer(c);
    } catch (err) {
      if (err instanceof EwsRefusal) return plainAnswer(err.status === 500 ? 400 : err.status, err.message);
      throw err;
    }
  };
}

/** What a `{ query }` route answers, asking the backend with `ask` as the signed-in user. */
export type QueryAnswer = (query: string, ask: Ask, c: Context<Env>) => Promise<Response>;

/**
 * `POST path` with `{ "query": "…" }`: the checks above, then `answer`. A request of its own the
 * server's EWS reader refuses (proxy mode's allow-list, a limit) is answered with that refusal.
 */
export function queryRoute(path: string, e: QueryRoute, answer: QueryAnswer): Hono<Env> {
  const app = new Hono<Env>();
  app.post(
    path,
    refusalsAnswered(async (c) => {
      const read = await readQuery(c, e);
      return read instanceof Response ? read : answer(read.query, read.ask, c);
    }),
  );
  return app;
}
