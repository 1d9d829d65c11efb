import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { openMailbox } from './mailbox/index.js';
import { PEOPLE_PATH } from './people-search.js';
import { PROXY_OPERATIONS } from './proxy/allowed-operations.js';
import { ORIGIN, signInCookie } from './testing/http.js';
import { recording } from './testing/test-mailbox.js';

const shared = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
afterAll(() => shared.close());

async function setup() {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {}, faultInjection: true });
  const cookie = await signInCookie(app);
  const lookUp = (body: unknown, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${PEOPLE_PATH}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
      body: JSON.stringify(body),
    });
  const fault = (spec: Record<string, unknown>) =>
    app.request(`${ORIGIN}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [spec] }),
    });
  return { app, mailbox, lookUp, fault };
}

describe('POST /api/people', () => {
  it('answers the people of the directory a name or an address begins, with ResolveNames', async () => {
    const { mailbox, lookUp } = await setup();
    const res = await lookUp({ query: ' Lovel ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ people: [{ name: 'Ada Lovelace', email: 'ada@tern.test' }] });
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'ResolveNames' }]);
    expect(await (await lookUp({ query: 'nobody-here' })).json()).toEqual({ people: [] });
    // Proxy mode lets it through to Exchange, as it does the search.
    expect(PROXY_OPERATIONS.has('ResolveNames')).toBe(true);
  });

  it('refuses a query of one letter, another site, a form and a request without a session, asking nothing', async () => {
    const { app, mailbox, lookUp } = await setup();
    const short = await lookUp({ query: 'a' });
    expect(short.status).toBe(400);
    expect(await short.text()).toBe('Type 2 to 256 characters of a name or an address.');
    expect((await lookUp({ query: 'ada' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await lookUp({ query: 'ada' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await lookUp({ name: 'ada' })).status).toBe(400);
    const anonymous = await app.request(`${ORIGIN}${PEOPLE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ query: 'ada' }),
    });
    expect(anonymous.status).toBe(401);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 503 with Retry-After when the server is busy', async () => {
    const { lookUp, fault } = await setup();
    expect((await fault({ kind: 'busy-message', op: 'ResolveNames', backOffMs: 2100 })).status).toBe(200);
    const res = await lookUp({ query: 'ada' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toBe('The mail server is busy and asked Tern to wait: try the look-up again in 3 s.');
  });
});
