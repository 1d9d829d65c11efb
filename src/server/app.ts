import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { adminRoutes } from './admin-routes.js';
import { attachmentDownload } from './attachment-download.js';
import { mailboxCheck, type CredentialCheck } from './auth/credential-check.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './auth/login-limiter.js';
import { sessionKey } from './auth/session-cookie.js';
import { sessionRoutes } from './auth/session-routes.js';
import { SESSION_LIFETIME_MS, Sessions } from './auth/sessions.js';
import { DroppedConnection, type Env } from './connection.js';
import type { EwsBackend } from './ews-backend.js';
import { EXCHANGE_PATH, exchangeEndpoint } from './exchange-endpoint.js';
import { FaultQueue } from './faults.js';
import { imageProxy } from './images/image-proxy.js';
import { mailSearch } from './mail-search.js';
import { peopleSearch } from './people-search.js';
import { automaticReplies, OOF_OPERATIONS } from './automatic-replies.js';
import { mailboxBackend } from './mailbox-backend.js';
import type { Mailbox } from './mailbox/mailbox.js';
import { PROXY_OPERATIONS } from './proxy/allowed-operations.js';
import { cspReports } from './csp-reports.js';
import { proxyBackend } from './proxy/proxy-backend.js';
import { DEFAULT_USER_BUDGET, UserBudget, type UserBudgetOptions } from './proxy/user-budget.js';
import { upstreamCheck } from './proxy/upstream-check.js';
import type { UpstreamOptions } from './proxy/upstream.js';
import { PWA_EWS_PATH, pwaEndpoint } from './pwa-endpoint.js';
import { securityHeaders } from './security-headers.js';
import { faultAnswer } from './soap-answer.js';
import { serveApp } from './static-files.js';

/** What the app is built from. Exactly one of `mailbox` (mailbox mode) and `upstream` (proxy mode). */
export interface AppDeps {
  mailbox?: Mailbox;
  /** Proxy mode: the Exchange EWS URL, plus optional transport settings. */
  upstream?: string | URL | UpstreamOptions;
  /** Key material for session cookies; random per app when absent (sessions then die with the process). */
  sessionSecret?: string | Uint8Array;
  /** The built PWA (`dist/`); without it `/` explains how to build. */
  distDir?: string;
  /** Largest SOAP request accepted, in bytes (default 35 MB). */
  maxRequestBytes?: number;
  sessionLifetimeMs?: number;
  loginLimits?: LoginLimits;
  /** A line under the sign-in form, e.g. the demo accounts. */
  signinHint?: string;
  clock?: () => number;
  /** Where unexpected errors are reported (default console.error). */
  log?: (message: string, error: unknown) => void;
  /**
   * Addresses and ports `/api/image` may fetch from (default: the public internet, ports 80 and
   * 443). Tests allow their own image server on 127.0.0.1; the command line and the environment
   * cannot set this.
   */
  imageHosts?: { address: (ip: string) => boolean; port: (port: number) => boolean };
  /** Proxy mode: what one user may ask of the upstream (default DEFAULT_USER_BUDGET). */
  proxyBudget?: UserBudgetOptions;
  /**
   * Mailbox mode: take faults to inject at `/admin/faults` (tests and demos; TERN_FAULTS=1).
   * Off by default: a local reverse proxy can make any client look local, and a fault queue
   * lets whoever reaches it stop the service.
   */
  faultInjection?: boolean;
}

// Exchange's default EWS request limit (maxReceivedMessageSize) is 35 MB: room for a message with
// attachments in one CreateItem.
// https://learn.microsoft.com/en-us/exchange/mail-flow/message-size-limits#types-of-message-size-limits
export const MAX_REQUEST_BYTES = 35 * 1024 * 1024;

/**
 * The Tern server as a Hono app, tested in process with `app.request()`. Mailbox mode serves the
 * embedded mailbox on `/ews` (PWA, session cookie) and `/EWS/Exchange.asmx` (any EWS client,
 * Basic auth), with the captured outgoing mail (and fault injection if asked for) under `/admin`; proxy mode forwards `/ews` to one upstream.
 * In both, `/attachments/<id>` serves the reader's downloads from the same backend as `/ews`.
 */
export function createApp(deps: AppDeps): Hono<Env> {
  if (!deps.mailbox === !deps.upstream)
    throw new Error('createApp needs exactly one of `mailbox` (mailbox mode) and `upstream` (proxy mode).');
  const clock = deps.clock ?? Date.now;
  const maxRequestBytes = deps.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const sessions = new Sessions(
    sessionKey(deps.sessionSecret ?? randomBytes(32)),
    clock,
    deps.sessionLifetimeMs ?? SESSION_LIFETIME_MS,
  );
  const limiter = new LoginLimiter(deps.loginLimits ?? DEFAULT_LOGIN_LIMITS, clock);

  let check: CredentialCheck;
  let backend: EwsBackend;
  let faults: FaultQueue | undefined;
  if (deps.mailbox) {
    check = mailboxCheck(deps.mailbox, clock);
    faults = new FaultQueue();
    backend = mailboxBackend(deps.mailbox, faults);
  } else {
    const upstream = upstreamOptions(deps.upstream!);
    check = upstreamCheck(upstream);
    backend = proxyBackend(upstream, new UserBudget(deps.proxyBudget ?? DEFAULT_USER_BUDGET, clock));
  }
  const mode = deps.mailbox ? 'mailbox' : 'proxy';

  const app = new Hono<Env>({
    // Exchange treats its paths case-insensitively, and so do clients' configurations.
    getPath: (req) => {
      const path = new URL(req.url).pathname;
      return path.toLowerCase() === EXCHANGE_PATH.toLowerCase() ? EXCHANGE_PATH : path;
    },
  });
  app.use('*', securityHeaders());

  app.onError((err, c) => {
    if (err instanceof DroppedConnection) throw err;
    log(`${c.req.method} ${c.req.path} failed:`, err);
    const message = 'The server failed to answer this request; the failure is logged.';
    if (c.req.path === PWA_EWS_PATH || c.req.path === EXCHANGE_PATH)
      return faultAnswer(500, 'ErrorInternalServerError', message);
    return c.json({ error: 'internal', message }, 500);
  });

  app.get('/healthz', (c) => c.text('ok'));
  app.route('/', cspReports(deps.log ? (line) => deps.log!(line, undefined) : (line) => console.warn(line), clock));
  app.route(
    '/',
    sessionRoutes({ mode, sessions, limiter, check, ...(deps.signinHint ? { signinHint: deps.signinHint } : {}) }),
  );
  // The PWA's routes take the session cookie; proxy mode admits its allow-list, mailbox mode re-checks passwords.
  const pwaRules = mode === 'proxy' ? { allowed: (name: string) => PROXY_OPERATIONS.has(name) } : { recheck: check };
  app.route('/', pwaEndpoint({ sessions, backend, maxRequestBytes, ...pwaRules }));
  app.route('/', attachmentDownload({ sessions, backend, ...pwaRules }));
  app.route('/', mailSearch({ sessions, backend, ...pwaRules }));
  app.route('/', peopleSearch({ sessions, backend, ...pwaRules }));
  // Automatic replies go only through their own route, for the signed-in user's own mailbox:
  // proxy mode admits the two operations from there, never on /ews (SECURITY.md §5.1).
  const oofRules = pwaRules.allowed
    ? { allowed: (name: string) => PROXY_OPERATIONS.has(name) || OOF_OPERATIONS.has(name) }
    : pwaRules;
  app.route('/', automaticReplies({ sessions, backend, ...oofRules }));
  app.route(
    '/',
    imageProxy({
      sessions,
      ...(mode === 'mailbox' ? { recheck: check } : {}),
      ...(deps.imageHosts ? { isAllowedAddress: deps.imageHosts.address, isAllowedPort: deps.imageHosts.port } : {}),
    }),
  );
  if (deps.mailbox && faults) {
    app.route('/', exchangeEndpoint({ check, limiter, backend, maxRequestBytes }));
    app.route('/', adminRoutes(deps.mailbox, deps.faultInjection ? faults : undefined));
  }
  app.on(['GET', 'HEAD'], '*', serveApp(deps.distDir));
  app.notFound((c) => c.json({ error: 'not-found', message: `Nothing at ${c.req.method} ${c.req.path}.` }, 404));
  return app;
}

function upstreamOptions(u: string | URL | UpstreamOptions): UpstreamOptions {
  if (typeof u === 'string') return { url: new URL(u) };
  if (u instanceof URL) return { url: u };
  return u;
}
