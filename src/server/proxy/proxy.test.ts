import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvertId,
  CreateItem,
  GetFolder,
  SoapFault,
  SyncFolderItems,
  decodeResponse,
  encodeRequest,
} from '../../ews/index.js';
import { createApp, type AppDeps } from '../app.js';
import type { Env } from '../connection.js';
import type { Fault } from '../faults.js';
import { listen, type Listening } from '../listen.js';
import { ORIGIN, postPwa, pwaHeaders, signInCookie } from '../testing/http.js';
import { recording, testMailbox, type RecordingMailbox } from '../testing/test-mailbox.js';

const sync = encodeRequest(SyncFolderItems, {
  itemShape: { baseShape: 'IdOnly' },
  syncFolderId: { distinguished: 'inbox' },
  maxChangesReturned: 512,
});

/** What reached the upstream, as it saw it. */
interface Seen {
  url: string;
  headers: Record<string, string>;
  body: string;
}

// The upstream is a second Tern app in mailbox mode on a real port; every request it gets is recorded.
let mailbox: RecordingMailbox;
let upstream: Listening;
let upstreamUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  mailbox = recording(testMailbox());
  const app = createApp({ mailbox, log: () => {}, faultInjection: true });
  const recorder = new Hono<Env>();
  recorder.all('*', async (c) => {
    seen.push({
      url: c.req.url,
      headers: Object.fromEntries(c.req.raw.headers),
      body: await c.req.raw.clone().text(),
    });
    // No socket bindings: the body was read here, so the app reads the Request, not the socket.
    return app.fetch(c.req.raw);
  });
  upstream = await listen(recorder, { port: 0, host: '127.0.0.1' });
  upstreamUrl = `${upstream.url}/EWS/Exchange.asmx`;
});
afterAll(async () => {
  await upstream.close();
  mailbox.close();
});

function proxy(extra: Partial<AppDeps> = {}) {
  return createApp({ upstream: upstreamUrl, log: () => {}, ...extra });
}

/** Queues faults in the upstream mailbox (`POST /admin/faults`). */
async function upstreamFaults(...faults: Fault[]): Promise<void> {
  const res = await fetch(`${upstream.url}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  expect(res.status).toBe(200);
}

async function signedIn(extra: Partial<AppDeps> = {}) {
  const app = proxy(extra);
  seen.length = 0;
  const cookie = await signInCookie(app);
  return { app, cookie };
}

function faultOf(xml: string): SoapFault {
  try {
    decodeResponse(GetFolder, xml);
  } catch (e) {
    if (e instanceof SoapFault) return e;
    throw e;
  }
  throw new Error('expected a fault');
}

/** A throwaway HTTP server answering every request with `handler`. */
async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('proxy mode sign-in', () => {
  it('checks the password with a GetFolder of the Inbox against the upstream', async () => {
    const app = proxy();
    seen.length = 0;
    const ok = await app.request(`${ORIGIN}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'demo@tern.test', password: 'demo' }),
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).mode).toBe('proxy');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toContain('GetFolder');
    expect(seen[0]!.body).toContain('Id="inbox"');
    expect(seen[0]!.headers['authorization']).toBe(`Basic ${btoa('demo@tern.test:demo')}`);
  });

  it('refuses a password the upstream refuses', async () => {
    const res = await proxy().request(`${ORIGIN}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'demo@tern.test', password: 'wrong' }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('The email address or password is not right.');
  });

  it('says in plain words when the upstream cannot be reached, without counting it as a wrong password', async () => {
    const closed = await rawServer(() => {});
    const url = closed.url;
    await new Promise((r) => closed.server.close(r));
    const app = createApp({
      upstream: `${url}/EWS/Exchange.asmx`,
      loginLimits: { windowMs: 60_000, maxFailuresPerAccount: 1, maxFailuresPerIp: 1, maxTracked: 10 },
    });
    for (let i = 0; i < 2; i++) {
      const res = await app.request(`${ORIGIN}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ username: 'demo@tern.test', password: 'demo' }),
      });
      expect(res.status).toBe(502);
      expect((await res.json()).message).toMatch(
        /^The mail server could not check your password \(.*could not be reached/,
      );
    }
  });
});

describe('proxy mode POST /ews', () => {
  it('forwards SOAP to the upstream as the signed-in user and relays the answer', async () => {
    const { app, cookie } = await signedIn();
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(decodeResponse(SyncFolderItems, await res.text()).messages[0]!.changes!.length).toBeGreaterThan(0);
    const forwarded = seen.at(-1)!;
    expect(forwarded.body).toBe(sync);
    expect(forwarded.url).toBe(upstreamUrl);
    expect(mailbox.calls.at(-1)).toEqual({ user: 'demo@tern.test', op: 'SyncFolderItems' });
  });

  it('sends only its own headers upstream: no cookie, no X-AnchorMailbox, no forwarded host', async () => {
    const { app, cookie } = await signedIn();
    const res = await postPwa(app, cookie, sync, {
      'x-anchormailbox': 'ceo@tern.test',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-for': '10.0.0.1',
      authorization: `Basic ${btoa('ceo@tern.test:stolen')}`,
      'x-custom': 'smuggled',
    });
    expect(res.status).toBe(200);
    const headers = seen.at(-1)!.headers;
    expect(headers['authorization']).toBe(`Basic ${btoa('demo@tern.test:demo')}`);
    for (const name of [
      'cookie',
      'x-anchormailbox',
      'x-forwarded-host',
      'x-forwarded-for',
      'x-custom',
      'x-tern-client',
    ])
      expect(headers[name]).toBeUndefined();
    expect(headers['host']).toBe(new URL(upstreamUrl).host);
  });

  it('never contacts a host named in the request', async () => {
    const calls: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const { app, cookie } = await signedIn({ upstream: { url: new URL(upstreamUrl), fetch: recordingFetch } });
    const res = await app.request('http://evil.test/ews?url=http://169.254.169.254/&upstream=http://evil.test/', {
      method: 'POST',
      headers: {
        ...pwaHeaders(cookie),
        origin: 'http://evil.test',
        host: 'evil.test',
        'sec-fetch-site': 'same-origin',
      },
      body: sync,
    });
    expect(res.status).toBe(200);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls)).toEqual(new Set([upstreamUrl]));
  });

  it('refuses an operation outside the allow-list before contacting the upstream', async () => {
    const { app, cookie } = await signedIn();
    seen.length = 0;
    const convert = encodeRequest(ConvertId, {
      destinationFormat: 'EwsId',
      sourceIds: [{ format: 'EwsId', id: 'x', mailbox: 'ceo@tern.test' }],
    });
    const subscribe = sync.replace(/SyncFolderItems/g, 'Subscribe');
    for (const [body, name] of [
      [convert, 'ConvertId'],
      [subscribe, 'Subscribe'],
    ] as const) {
      const res = await postPwa(app, cookie, body);
      expect(res.status).toBe(403);
      const fault = faultOf(await res.text());
      expect(fault.code).toBe('ErrorAccessDenied');
      expect(fault.message).toContain(`operation ${name} is not allowed`);
    }
    expect(seen).toEqual([]);
  });

  it('refuses identity SOAP headers before contacting the upstream', async () => {
    const { app, cookie } = await signedIn();
    seen.length = 0;
    for (const header of ['ExchangeImpersonation', 'SerializedSecurityContext']) {
      const body = sync.replace(
        '</soap:Header>',
        `<t:${header} xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"/></soap:Header>`,
      );
      const res = await postPwa(app, cookie, body);
      expect(res.status).toBe(403);
      expect(faultOf(await res.text()).code).toBe('ErrorImpersonationDenied');
    }
    // Nor past the check in a second Header, which a server might read in place of the first.
    const smuggled = sync.replace(
      '</soap:Header>',
      '</soap:Header><soap:Header><t:ExchangeImpersonation xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"/></soap:Header>',
    );
    const res = await postPwa(app, cookie, smuggled);
    expect(faultOf(await res.text()).code).toBe('ErrorSchemaValidation');
    expect(seen).toEqual([]);
  });

  it('refuses DTDs and malformed SOAP before contacting the upstream', async () => {
    const { app, cookie } = await signedIn();
    seen.length = 0;
    const dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    for (const body of [dtd, '<soap:Envelope', 'plain words'])
      expect(faultOf(await (await postPwa(app, cookie, body)).text()).code).toBe('ErrorSchemaValidation');
    expect(seen).toEqual([]);
  });

  it('does not follow a redirect: it becomes a 502 that says so', async () => {
    let elsewhereHits = 0;
    const elsewhere = await rawServer((_req, res) => {
      elsewhereHits++;
      res.end('nope');
    });
    const redirecting = await rawServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: `${elsewhere.url}/EWS/Exchange.asmx` }).end();
    });
    try {
      // Signed in through the real upstream; the same secret opens the cookie in the redirecting setup.
      const secret = 's'.repeat(32);
      const session = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
      const redirectingApp = createApp({ upstream: `${redirecting.url}/EWS/Exchange.asmx`, sessionSecret: secret });
      const res = await postPwa(redirectingApp, session, sync);
      expect(res.status).toBe(502);
      expect(faultOf(await res.text()).message).toMatch(/redirect \(HTTP 302\), which Tern does not follow/);
      expect(elsewhereHits).toBe(0);
    } finally {
      redirecting.server.close();
      elsewhere.server.close();
    }
  });

  it('passes an upstream SOAP fault through untouched, back-off included', async () => {
    const { app, cookie } = await signedIn();
    await upstreamFaults({ kind: 'busy-fault', backOffMs: 4321 });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(500);
    const fault = faultOf(await res.text());
    expect(fault.code).toBe('ErrorServerBusy');
    expect(fault.backOffMs).toBe(4321);
  });

  it('keeps each user within a budget, smaller for making and sending mail, as Exchange throttles', async () => {
    let now = Date.UTC(2026, 10, 30, 9);
    const proxyBudget = { burst: 3, rechargePerSecond: 1, sendBurst: 1, sendRechargePerSecond: 0.1 };
    const { app, cookie } = await signedIn({ proxyBudget, clock: () => now });
    const draft = encodeRequest(CreateItem, {
      messageDisposition: 'SaveOnly',
      items: [{ kind: 'Message', subject: 'Budget', body: { bodyType: 'Text', value: 'x' } }],
    });
    expect((await postPwa(app, cookie, draft)).status).toBe(200);
    // The second message within 10 s is held back, without reaching the upstream.
    const held = await postPwa(app, cookie, draft);
    expect(held.status).toBe(500);
    const fault = faultOf(await held.text());
    expect(fault).toMatchObject({ code: 'ErrorServerBusy', backOffMs: 10_000 });
    expect(fault.message).toBe(
      'ErrorServerBusy: Too many messages made or sent in a short time: Tern did not pass this CreateItem on to the mail server. Try again in 10 s.',
    );
    // Other requests have their own budget: two more pass, the next is held for a second.
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
    const busy = await postPwa(app, cookie, sync);
    expect(faultOf(await busy.text())).toMatchObject({ code: 'ErrorServerBusy', backOffMs: 1000 });
    expect(seen.map((s) => /<m:(\w+)/.exec(s.body)?.[1]).slice(-3)).toEqual([
      'CreateItem',
      'SyncFolderItems',
      'SyncFolderItems',
    ]);
    // Waiting out the back-off is enough.
    now += 1000;
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
  });

  it('passes 503 and Retry-After through so the client backs off', async () => {
    const { app, cookie } = await signedIn();
    await upstreamFaults({ kind: 'http-503', retryAfterSec: 17 });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('17');
  });

  it('answers 502 when the upstream breaks off its answer partway, never relaying half of it', async () => {
    const { app, cookie } = await signedIn();
    await upstreamFaults({ kind: 'apply-then-cut' });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(502);
    expect(faultOf(await res.text()).message).toMatch(/broke off its answer/);
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
  });

  it('turns an upstream 401 into "sign in again"', async () => {
    const { app, cookie } = await signedIn();
    await upstreamFaults({ kind: 'http-401' });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect((await res.json()).message).toMatch(/sign in again/);
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const secret = 'k'.repeat(32);
    const cookie = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
    const app = createApp({
      upstream: { url: new URL(upstreamUrl), fetch: hanging, responseTimeoutMs: 20 },
      sessionSecret: secret,
    });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(504);
    expect(faultOf(await res.text()).message).toMatch(/did not answer within 0.02 s/);
  });

  it('answers 504 when a connected upstream never answers', async () => {
    const silent = await rawServer((req) => req.resume());
    try {
      const secret = 'k'.repeat(32);
      const cookie = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
      const app = createApp({
        upstream: { url: new URL(`${silent.url}/EWS/Exchange.asmx`), responseTimeoutMs: 50 },
        sessionSecret: secret,
      });
      const res = await postPwa(app, cookie, sync);
      expect(res.status).toBe(504);
      expect(faultOf(await res.text()).message).toMatch(/did not answer within 0.05 s/);
    } finally {
      silent.server.closeAllConnections();
      silent.server.close();
    }
  });

  it('answers 502 when the upstream’s answer is larger than allowed', async () => {
    const secret = 'k'.repeat(32);
    const cookie = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
    const app = createApp({ upstream: { url: new URL(upstreamUrl), maxResponseBytes: 100 }, sessionSecret: secret });
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(502);
    expect(faultOf(await res.text()).message).toMatch(/larger than 100 bytes/);
  });

  it('answers 502 for an upstream answer that is not SOAP', async () => {
    const html = await rawServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
    });
    try {
      const secret = 'k'.repeat(32);
      const cookie = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
      const app = createApp({ upstream: `${html.url}/EWS/Exchange.asmx`, sessionSecret: secret });
      const res = await postPwa(app, cookie, sync);
      expect(res.status).toBe(502);
      expect(faultOf(await res.text()).message).toMatch(/answered HTTP 404 without SOAP/);
    } finally {
      html.server.close();
    }
  });

  it('passes the upstream’s bytes on unchanged, and refuses an answer that is not UTF-8', async () => {
    const answer = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>é\u{1F600}</s:Body></s:Envelope>`,
      ),
    ]);
    let next = answer;
    const raw = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(next);
    });
    try {
      const secret = 'k'.repeat(32);
      const cookie = await signInCookie(createApp({ upstream: upstreamUrl, sessionSecret: secret }));
      const app = createApp({ upstream: `${raw.url}/EWS/Exchange.asmx`, sessionSecret: secret });
      const res = await postPwa(app, cookie, sync);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(answer)).toBe(true);
      next = Buffer.concat([answer, Buffer.from([0xff, 0xfe])]);
      const bad = await postPwa(app, cookie, sync);
      expect(bad.status).toBe(502);
      expect(faultOf(await bad.text()).message).toMatch(/not UTF-8 text/);
    } finally {
      raw.server.close();
    }
  });

  it('does not serve /EWS/Exchange.asmx in proxy mode', async () => {
    const app = proxy();
    expect((await app.request(`${ORIGIN}/EWS/Exchange.asmx`, { method: 'POST', body: sync })).status).toBe(404);
    expect((await app.request(`${ORIGIN}/EWS/Exchange.asmx`)).status).toBe(404);
  });

  it('still requires the session and the CSRF checks', async () => {
    const { app, cookie } = await signedIn();
    seen.length = 0;
    expect((await postPwa(app, '', sync)).status).toBe(401);
    expect((await postPwa(app, cookie, sync, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await postPwa(app, cookie, sync, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(seen).toEqual([]);
  });
});
