import type { Hono } from 'hono';
import type { Env } from '../connection.js';

/** In-process requests against the app, as the PWA and EWS clients make them. */
export const ORIGIN = 'http://127.0.0.1:8080';

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Signs in through `POST /api/session` and returns the `Cookie` header value for later requests. */
export async function signInCookie(app: Hono<Env>, user = 'demo@tern.test', password = 'demo'): Promise<string> {
  const res = await app.request(`${ORIGIN}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ username: user, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The headers the PWA's service worker sends with SOAP to `/ews`. */
export function pwaHeaders(cookie: string): Record<string, string> {
  return {
    cookie,
    'content-type': 'text/xml; charset=utf-8',
    'x-tern-client': '1',
    'sec-fetch-site': 'same-origin',
  };
}

export function postPwa(app: Hono<Env>, cookie: string, soap: string, extra: Record<string, string> = {}) {
  return app.request(`${ORIGIN}/ews`, { method: 'POST', headers: { ...pwaHeaders(cookie), ...extra }, body: soap });
}

export function postExchange(app: Hono<Env>, soap: string, user = 'demo@tern.test', password = 'demo') {
  return app.request(`${ORIGIN}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: { authorization: basicAuth(user, password), 'content-type': 'text/xml; charset=utf-8' },
    body: soap,
  });
}
