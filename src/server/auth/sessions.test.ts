import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sessionKey } from './session-cookie.js';
import { Sessions, readCookie } from './sessions.js';

const START = 1_800_000_000_000;
const LIFETIME = 3_600_000;

function setup() {
  const clock = { now: START };
  const sessions = new Sessions(sessionKey('s'.repeat(32)), () => clock.now, LIFETIME);
  const app = new Hono();
  app.post('/in', (c) => {
    sessions.issue(c, { user: 'demo@tern.test', password: 'demo' });
    return c.text('ok');
  });
  app.get('/me', (c) => c.json(sessions.read(c)?.user ?? null));
  const signIn = async (origin = 'http://127.0.0.1') =>
    (await app.request(`${origin}/in`, { method: 'POST' })).headers.get('set-cookie')!.split(';')[0]!;
  const me = async (cookie: string, origin = 'http://127.0.0.1') =>
    (await app.request(`${origin}/me`, { headers: { cookie } })).json();
  return { clock, signIn, me };
}

describe('Sessions.read', () => {
  it('ends a session at its expiry, also when it was opened before', async () => {
    const { clock, signIn, me } = setup();
    const cookie = await signIn();
    expect(await me(cookie)).toBe('demo@tern.test');
    clock.now = START + LIFETIME - 1;
    expect(await me(cookie)).toBe('demo@tern.test');
    clock.now = START + LIFETIME;
    expect(await me(cookie)).toBeNull();
    expect(await me(cookie)).toBeNull();
  });

  it('never accepts a token it could not open, however often it is sent', async () => {
    const { signIn, me } = setup();
    const cookie = await signIn();
    const tampered = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'AB' : 'AA');
    expect(await me(tampered)).toBeNull();
    expect(await me(tampered)).toBeNull();
    expect(await me(cookie)).toBe('demo@tern.test');
  });

  it('keeps working past the number of sessions it remembers', async () => {
    const { signIn, me } = setup();
    const first = await signIn();
    expect(await me(first)).toBe('demo@tern.test');
    for (let i = 0; i < 1001; i++) expect(await me(await signIn())).toBe('demo@tern.test');
    expect(await me(first)).toBe('demo@tern.test');
  });

  it('reads only the cookie of its own name: __Host- over https, plain over http', async () => {
    const { signIn, me } = setup();
    const secure = await signIn('https://tern.test');
    expect(secure).toMatch(/^__Host-tern_session=/);
    const token = secure.split('=')[1]!;
    expect(await me(`tern_session=${token}`, 'https://tern.test')).toBeNull();
    expect(await me(`a=1; __Host-tern_session=${token}`, 'https://tern.test')).toBe('demo@tern.test');
    expect(await me(`__Host-tern_session=${token}`)).toBeNull();
  });
});

describe('readCookie', () => {
  it('finds a cookie by its exact name among others', () => {
    expect(readCookie('a=1; tern_session=tok; b=2', 'tern_session')).toBe('tok');
    expect(readCookie('xtern_session=evil; tern_session=tok', 'tern_session')).toBe('tok');
    expect(readCookie('__Host-tern_session=tok', 'tern_session')).toBeUndefined();
    expect(readCookie('tern_session_x=evil', 'tern_session')).toBeUndefined();
  });

  it('takes the first of repeated cookies, trims white space and quotes, and skips empty ones', () => {
    expect(readCookie('tern_session=one; tern_session=two', 'tern_session')).toBe('one');
    expect(readCookie('  tern_session =  tok  ;b=2', 'tern_session')).toBe('tok');
    expect(readCookie('tern_session="tok"', 'tern_session')).toBe('tok');
    expect(readCookie('tern_session=', 'tern_session')).toBeUndefined();
    expect(readCookie('tern_session', 'tern_session')).toBeUndefined();
    expect(readCookie(undefined, 'tern_session')).toBeUndefined();
    expect(readCookie('', 'tern_session')).toBeUndefined();
  });
});
