import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRequest, SetUserOofSettings, type OofSettings } from '../ews/index.js';
import { createApp } from './app.js';
import { addressOf, AUTOMATIC_REPLIES_PATH, readSettings } from './automatic-replies.js';
import { listen, type Listening } from './listen.js';
import { ORIGIN, signInCookie } from './testing/http.js';
import { recording, testMailbox, type RecordingMailbox } from './testing/test-mailbox.js';

const AWAY: OofSettings = {
  oofState: 'Scheduled',
  externalAudience: 'All',
  duration: { startTime: '2027-01-10T00:00:00.000Z', endTime: '2027-01-17T00:00:00.000Z' },
  internalReply: 'Back on the 17th.',
  externalReply: 'Out of the office until 17 January.',
};

let mailbox: RecordingMailbox;
let upstream: Listening;
beforeAll(async () => {
  mailbox = recording(testMailbox(0));
  upstream = await listen(createApp({ mailbox, log: () => {} }), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await upstream.close();
  mailbox.close();
});

async function page(mode: 'mailbox' | 'proxy') {
  const app =
    mode === 'mailbox'
      ? createApp({ mailbox, log: () => {} })
      : createApp({ upstream: `${upstream.url}/EWS/Exchange.asmx`, log: () => {} });
  const cookie = await signInCookie(app);
  mailbox.calls.length = 0;
  const headers = (extra: Record<string, string> = {}) => ({
    cookie,
    'content-type': 'application/json',
    'sec-fetch-site': 'same-origin',
    ...extra,
  });
  const read = (extra?: Record<string, string>) =>
    app.request(`${ORIGIN}${AUTOMATIC_REPLIES_PATH}`, { headers: headers(extra) });
  const write = (body: unknown, extra?: Record<string, string>) =>
    app.request(`${ORIGIN}${AUTOMATIC_REPLIES_PATH}`, {
      method: 'PUT',
      headers: headers(extra),
      body: JSON.stringify(body),
    });
  return { app, cookie, read, write };
}

describe.each(['mailbox', 'proxy'] as const)('/api/automatic-replies in %s mode', (mode) => {
  it('reads and sets the signed-in user’s own automatic replies', async () => {
    const { read, write } = await page(mode);
    const before = await read();
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ settings: { oofState: 'Disabled' }, allowExternal: 'All' });

    const set = await write({ settings: AWAY });
    expect(set.status).toBe(200);
    expect(await (await read()).json()).toEqual({ settings: AWAY, allowExternal: 'All' });
    expect(mailbox.calls.map((c) => c.op)).toEqual([
      'GetUserOofSettingsRequest',
      'SetUserOofSettingsRequest',
      'GetUserOofSettingsRequest',
    ]);
    expect(mailbox.calls.every((c) => c.user === 'demo@tern.test')).toBe(true);
    await write({ settings: { oofState: 'Disabled', externalAudience: 'All' } });
  });

  it('refuses settings it cannot keep, another site and a request without a session, asking nothing', async () => {
    const { app, read, write } = await page(mode);
    const backwards = await write({
      settings: { ...AWAY, duration: { startTime: '2027-01-17', endTime: '2027-01-10' } },
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toBe('The automatic replies must end after they start.');
    expect((await write({ settings: { ...AWAY, oofState: 'Away' } })).status).toBe(400);
    expect((await write({ settings: AWAY }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await write({ settings: AWAY }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await read({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const anonymous = await app.request(`${ORIGIN}${AUTOMATIC_REPLIES_PATH}`, {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(anonymous.status).toBe(401);
    expect(mailbox.calls).toEqual([]);
  });
});

describe('the proxy', () => {
  it('admits automatic replies from their route only, never as SOAP a page sends to /ews', async () => {
    const { app, cookie } = await page('proxy');
    const soap = encodeRequest(SetUserOofSettings, { mailbox: 'demo@tern.test', userOofSettings: AWAY });
    const res = await app.request(`${ORIGIN}/ews`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'text/xml; charset=utf-8',
        'sec-fetch-site': 'same-origin',
        'x-tern-client': '1',
      },
      body: soap,
    });
    expect(await res.text()).toContain('SetUserOofSettingsRequest');
    expect(res.status).not.toBe(200);
    expect(mailbox.calls).toEqual([]);
  });
});

describe('readSettings', () => {
  it('keeps only what the codec can send, and says what is wrong', () => {
    expect(readSettings({ settings: { ...AWAY, extra: 1 } })).toEqual(AWAY);
    expect(readSettings({ settings: { oofState: 'Scheduled', externalAudience: 'None' } })).toBe(
      'Scheduled automatic replies need a duration.',
    );
    expect(readSettings({ settings: { ...AWAY, internalReply: 'x'.repeat(30_001) } })).toMatch(/at most 30000/);
    expect(readSettings(null)).toMatch(/^Send/);
  });
});

describe('addressOf', () => {
  it('asks by the address signed in with, and says what to do for a domain name', async () => {
    expect(addressOf('demo@tern.test')).toBe('demo@tern.test');
    const refused = addressOf('CONTOSO\\demo');
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(409);
    expect(await (refused as Response).text()).toMatch(/sign in with it/);
  });
});
