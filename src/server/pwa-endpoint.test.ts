import { afterAll, describe, expect, it } from 'vitest';
import { SyncFolderItems, decodeResponse, encodeRequest } from '../ews/index.js';
import { createApp } from './app.js';
import { ORIGIN, postPwa, pwaHeaders, signInCookie } from './testing/http.js';
import { recording, testMailbox } from './testing/test-mailbox.js';

const shared = testMailbox();
afterAll(() => shared.close());

const sync = encodeRequest(SyncFolderItems, {
  itemShape: { baseShape: 'IdOnly' },
  syncFolderId: { distinguished: 'inbox' },
  maxChangesReturned: 512,
});

async function setup() {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {} });
  return { app, mailbox, cookie: await signInCookie(app) };
}

describe('POST /ews', () => {
  it('answers the session’s user from the mailbox as text/xml; charset=utf-8', async () => {
    const { app, mailbox, cookie } = await setup();
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const [message] = decodeResponse(SyncFolderItems, await res.text()).messages;
    expect(message!.changes!.length).toBeGreaterThan(0);
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'SyncFolderItems' }]);
  });

  it('accepts a matching Origin when the browser sends no fetch metadata', async () => {
    const { app, cookie } = await setup();
    const headers = { ...pwaHeaders(cookie), origin: ORIGIN };
    delete (headers as Record<string, string>)['sec-fetch-site'];
    expect((await app.request(`${ORIGIN}/ews`, { method: 'POST', headers, body: sync })).status).toBe(200);
  });

  it('answers 401 "sign in again" as JSON without a session, and never a Basic challenge', async () => {
    const { app, mailbox } = await setup();
    for (const cookie of ['', 'tern_session=garbage', 'other=1']) {
      const res = await postPwa(app, cookie, sync);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
      const body = await res.json();
      expect(body.error).toBe('signin-required');
      expect(body.message).toMatch(/sign in again/);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 401 once the session has expired', async () => {
    const clock = { now: 1_800_000_000_000 };
    const app = createApp({ mailbox: recording(shared), clock: () => clock.now, sessionLifetimeMs: 60_000 });
    const cookie = await signInCookie(app);
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
    clock.now += 60_000;
    expect((await postPwa(app, cookie, sync)).status).toBe(401);
  });

  it('answers 401 to a cookie with a flipped bit', async () => {
    const { app, cookie } = await setup();
    const [name, value] = cookie.split('=') as [string, string];
    const raw = Buffer.from(value, 'base64url');
    raw[20] = raw[20]! ^ 0x40;
    expect((await postPwa(app, `${name}=${raw.toString('base64url')}`, sync)).status).toBe(401);
  });

  it('ends the session when its password no longer works', async () => {
    const mailbox = recording(shared);
    const clock = { now: 1_800_000_000_000 };
    const app = createApp({ mailbox, clock: () => clock.now });
    const cookie = await signInCookie(app);
    mailbox.verify = () => false;
    // Successes are remembered for a minute, so that EWS clients do not pay a scrypt per request.
    expect((await postPwa(app, cookie, sync)).status).toBe(200);
    clock.now += 61_000;
    const res = await postPwa(app, cookie, sync);
    expect(res.status).toBe(401);
    expect((await res.json()).message).toMatch(/password has changed/);
    expect(res.headers.get('set-cookie')).toMatch(/^tern_session=; .*Max-Age=0/);
  });

  it.each([
    ['cross-site', { 'sec-fetch-site': 'cross-site' }, /Sec-Fetch-Site is "cross-site"/],
    ['same-site', { 'sec-fetch-site': 'same-site' }, /Sec-Fetch-Site is "same-site"/],
    ['a user-typed navigation', { 'sec-fetch-site': 'none' }, /Sec-Fetch-Site is "none"/],
  ])('refuses a %s request with 403 before anything else', async (_name, extra, message) => {
    const { app, mailbox, cookie } = await setup();
    const res = await postPwa(app, cookie, sync, extra);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(message);
    expect(mailbox.calls).toEqual([]);
  });

  it('refuses another Origin, and a request with neither Origin nor fetch metadata', async () => {
    const { app, mailbox, cookie } = await setup();
    const headers = pwaHeaders(cookie) as Record<string, string>;
    delete headers['sec-fetch-site'];
    const evil = await app.request(`${ORIGIN}/ews`, {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.test' },
      body: sync,
    });
    expect(evil.status).toBe(403);
    const bare = await app.request(`${ORIGIN}/ews`, { method: 'POST', headers, body: sync });
    expect(bare.status).toBe(403);
    expect((await bare.json()).message).toMatch(/neither Sec-Fetch-Site nor Origin/);
    expect(mailbox.calls).toEqual([]);
  });

  it('refuses a request without X-Tern-Client: 1', async () => {
    const { app, mailbox, cookie } = await setup();
    for (const value of [undefined, '0', 'yes']) {
      const headers = pwaHeaders(cookie);
      if (value === undefined) delete headers['x-tern-client'];
      else headers['x-tern-client'] = value;
      const res = await app.request(`${ORIGIN}/ews`, { method: 'POST', headers, body: sync });
      expect(res.status).toBe(403);
      expect((await res.json()).message).toMatch(/x-tern-client: 1 header is missing/);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('refuses SOAP sent as text/plain (what a cross-site form can send) and other types', async () => {
    const { app, mailbox, cookie } = await setup();
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/soap+xml',
    ]) {
      const res = await postPwa(app, cookie, sync, { 'content-type': type });
      expect(res.status).toBe(415);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('answers other methods with 405', async () => {
    const { app, cookie } = await setup();
    const res = await app.request(`${ORIGIN}/ews`, { headers: pwaHeaders(cookie) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
