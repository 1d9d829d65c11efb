import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { ORIGIN, signInCookie } from '../testing/http.js';
import { testMailbox } from '../testing/test-mailbox.js';

const mailbox = testMailbox();
afterAll(() => mailbox.close());

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  body: new URLSearchParams(fields).toString(),
});

function setup(clock = { now: 1_800_000_000_000 }) {
  return createApp({ mailbox, clock: () => clock.now, signinHint: 'Try demo@tern.test.' });
}

describe('GET /signin', () => {
  it('is a form password managers understand, without any script', async () => {
    const res = await setup().request(`${ORIGIN}/signin?next=/folder/inbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html).toMatch(/<form method="post" action="\/api\/session">/);
    expect(html).toMatch(/<input id="username" name="username"[^>]*autocomplete="username"/);
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password"/);
    expect(html).toContain('name="next" value="/folder/inbox"');
    expect(html).toContain('Try demo@tern.test.');
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('drops a next that would leave the site', async () => {
    for (const next of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', 'folder']) {
      const html = await (await setup().request(`${ORIGIN}/signin?next=${encodeURIComponent(next)}`)).text();
      expect(html).not.toContain('name="next"');
    }
  });
});

describe('POST /api/session', () => {
  it('signs in with JSON and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const app = setup();
    const res = await app.request(`${ORIGIN}/api/session`, json({ username: 'demo@tern.test', password: 'demo' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: 'demo@tern.test',
      mode: 'mailbox',
      expiresAt: 1_800_000_000_000 + 30 * 24 * 3_600_000,
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tern_session=[A-Za-z0-9_-]{40,}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toMatch(/demo/);
  });

  it('over https names the cookie __Host- and marks it Secure', async () => {
    const res = await setup().request(
      'https://tern.example/api/session',
      json({ username: 'demo@tern.test', password: 'demo' }, { origin: 'https://tern.example' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(
      /^__Host-tern_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/,
    );
  });

  it('issues a new cookie on every sign-in', async () => {
    const app = setup();
    expect(await signInCookie(app)).not.toBe(await signInCookie(app));
  });

  it('signs in with a form and goes to next (or /)', async () => {
    const app = setup();
    const plain = await app.request(`${ORIGIN}/api/session`, form({ username: 'demo@tern.test', password: 'demo' }));
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/?signed-in');
    expect(plain.headers.get('set-cookie')).toMatch(/^tern_session=/);
    const withNext = await app.request(
      `${ORIGIN}/api/session`,
      form({ username: 'demo@tern.test', password: 'demo', next: '/folder/sent' }),
    );
    expect(withNext.headers.get('location')).toBe('/folder/sent?signed-in');
    const offsite = await app.request(
      `${ORIGIN}/api/session`,
      form({ username: 'demo@tern.test', password: 'demo', next: '//evil.test' }),
    );
    expect(offsite.headers.get('location')).toBe('/?signed-in');
    // The app's own routes live in the hash; the mark goes before it.
    const inApp = await app.request(
      `${ORIGIN}/api/session`,
      form({ username: 'demo@tern.test', password: 'demo', next: '/#/mail/inbox' }),
    );
    expect(inApp.headers.get('location')).toBe('/?signed-in#/mail/inbox');
  });

  it('says the same plain words for a wrong password and an unknown account', async () => {
    const app = setup();
    const wrong = await app.request(`${ORIGIN}/api/session`, json({ username: 'demo@tern.test', password: 'x' }));
    const unknown = await app.request(`${ORIGIN}/api/session`, json({ username: 'who@tern.test', password: 'demo' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a).toEqual({ error: 'bad-credentials', message: 'The email address or password is not right.' });
    expect(await unknown.json()).toEqual(a);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('shows a failed form sign-in again with the message and the address, never the password', async () => {
    const res = await setup().request(
      `${ORIGIN}/api/session`,
      form({ username: 'demo@tern.test', password: 's3cret-guess' }),
    );
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('role="alert">The email address or password is not right.');
    expect(html).toContain('value="demo@tern.test"');
    expect(html).not.toContain('s3cret-guess');
  });

  it('escapes what it echoes', async () => {
    const res = await setup().request(
      `${ORIGIN}/api/session`,
      form({ username: '"><script>x</script>', password: 'p' }),
    );
    const html = await res.text();
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it.each([
    [{ username: 'demo@tern.test' }, 400, 'missing-fields'],
    [{ username: '  ', password: 'demo' }, 400, 'missing-fields'],
    [{ username: 1, password: 'demo' }, 400, 'missing-fields'],
    ['just a string', 400, 'bad-request'],
    [null, 400, 'bad-request'],
  ])('refuses %j with %i', async (body, status, error) => {
    const res = await setup().request(`${ORIGIN}/api/session`, json(body));
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBe(error);
  });

  it('refuses unreadable JSON, other content types and oversized bodies', async () => {
    const app = setup();
    const post = (type: string, body: string) =>
      app.request(`${ORIGIN}/api/session`, {
        method: 'POST',
        headers: { 'content-type': type, 'sec-fetch-site': 'same-origin' },
        body,
      });
    expect((await post('application/json', '{nope')).status).toBe(400);
    expect((await post('text/plain', '{"username":"demo@tern.test","password":"demo"}')).status).toBe(415);
    expect(
      (await post('application/json', JSON.stringify({ username: 'x'.repeat(20_000), password: 'p' }))).status,
    ).toBe(413);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const app = setup();
    const crossSite = await app.request(
      `${ORIGIN}/api/session`,
      json({ username: 'demo@tern.test', password: 'demo' }, { 'sec-fetch-site': 'cross-site' }),
    );
    expect(crossSite.status).toBe(403);
    const otherOrigin = await app.request(
      `${ORIGIN}/api/session`,
      form({ username: 'demo@tern.test', password: 'demo' }, { origin: 'https://evil.test' }),
    );
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.headers.get('set-cookie')).toBeNull();
  });

  it('limits repeated failures and then refuses even the right password, saying how long to wait', async () => {
    const app = createApp({
      mailbox,
      loginLimits: { windowMs: 10 * 60_000, maxFailuresPerIp: 50, maxFailuresPerAccount: 2, maxTracked: 100 },
    });
    for (const password of ['a', 'b'])
      await app.request(`${ORIGIN}/api/session`, json({ username: 'demo@tern.test', password }));
    const res = await app.request(`${ORIGIN}/api/session`, json({ username: 'demo@tern.test', password: 'demo' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('600');
    expect(await res.json()).toEqual({
      error: 'too-many-attempts',
      message: 'Too many sign-in attempts. Wait 10 minutes and try again.',
    });
  });
});

describe('GET /api/session', () => {
  it('says who is signed in and the mode, and nobody without a valid cookie', async () => {
    const clock = { now: 1_800_000_000_000 };
    const app = setup(clock);
    const cookie = await signInCookie(app);
    const me = await app.request(`${ORIGIN}/api/session`, { headers: { cookie } });
    expect(await me.json()).toEqual({ user: 'demo@tern.test', mode: 'mailbox', expiresAt: clock.now + 2_592_000_000 });
    expect(me.headers.get('cache-control')).toBe('no-store');
    const nobody = await app.request(`${ORIGIN}/api/session`);
    expect(await nobody.json()).toEqual({ user: null, mode: 'mailbox' });
    const tampered = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA');
    expect(await (await app.request(`${ORIGIN}/api/session`, { headers: { cookie: tampered } })).json()).toEqual({
      user: null,
      mode: 'mailbox',
    });
    clock.now += 2_592_000_000;
    expect((await (await app.request(`${ORIGIN}/api/session`, { headers: { cookie } })).json()).user).toBeNull();
  });

  it('does not open a cookie made by another server secret', async () => {
    const cookie = await signInCookie(createApp({ mailbox, sessionSecret: 'a'.repeat(32) }));
    const other = createApp({ mailbox, sessionSecret: 'b'.repeat(32) });
    const same = createApp({ mailbox, sessionSecret: 'a'.repeat(32) });
    expect((await (await other.request(`${ORIGIN}/api/session`, { headers: { cookie } })).json()).user).toBeNull();
    expect((await (await same.request(`${ORIGIN}/api/session`, { headers: { cookie } })).json()).user).toBe(
      'demo@tern.test',
    );
  });
});

describe('DELETE /api/session', () => {
  it('clears the cookie and asks the browser to drop cookies, leaving storage to the app', async () => {
    const app = setup();
    const cookie = await signInCookie(app);
    const res = await app.request(`${ORIGIN}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('clear-site-data')).toBe('"cookies"');
    expect(res.headers.get('set-cookie')).toBe('tern_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });

  it('refuses a cross-site sign-out', async () => {
    const res = await setup().request(`${ORIGIN}/api/session`, {
      method: 'DELETE',
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
