import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from '../auth/login-limiter.js';
import { sessionKey } from '../auth/session-cookie.js';
import { sessionRoutes } from '../auth/session-routes.js';
import { Sessions } from '../auth/sessions.js';
import type { Env } from '../connection.js';
import { IMAGE_PROXY_PATH, imageProxy, type ImageProxy } from './image-proxy.js';
import { securityHeaders } from '../security-headers.js';
import { ORIGIN, signInCookie } from '../testing/http.js';
import { testMailbox } from '../testing/test-mailbox.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const SIX_MB = 6 * 1024 * 1024;

// The sender's host, as a real HTTP server on 127.0.0.1: what it serves, and what it was asked.
let server: Server;
let base: string;
let port: number;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, headers: req.headers });
    res.on('error', () => {});
    const hops = /^\/hops\/(\d+)$/.exec(path);
    if (hops) {
      const n = Number(hops[1]);
      // Relative and absolute Location headers in turn, as servers send both.
      const next = n === 1 ? '/image.png' : n % 2 ? `/hops/${n - 1}` : `${base}/hops/${n - 1}`;
      return res.writeHead(n % 2 ? 302 : 301, { location: next }).end();
    }
    switch (path) {
      case '/image.png':
        return res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
      case '/photo.jpg':
        return res.writeHead(200, { 'content-type': 'Image/JPEG; name="photo.jpg"' }).end(PNG);
      case '/legacy.jpg':
        return res.writeHead(200, { 'content-type': 'image/jpg' }).end(PNG);
      case '/legacy.png':
        return res.writeHead(200, { 'content-type': 'image/x-png' }).end(PNG);
      case '/to-mail-port':
        return res.writeHead(302, { location: `http://127.0.0.1:25/image.png` }).end();
      case '/to-other-loopback':
        return res.writeHead(307, { location: `http://127.0.0.2:${port}/image.png` }).end();
      case '/to-file':
        return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/to-name':
        return res.writeHead(302, { location: `http://localhost:${port}/image.png` }).end();
      case '/page.html':
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<script>alert(1)</script>');
      case '/drawing.svg':
        return res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
      case '/untyped':
        return res.writeHead(200).end(PNG);
      case '/missing':
        return res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
      case '/huge':
        // No Content-Length: only counting the bytes as they come can stop it.
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.alloc(SIX_MB));
      case '/declared-huge':
        // Says its size and then stalls: the proxy must not wait for the body to refuse it.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': SIX_MB });
        return res.write(PNG);
      case '/slow-body':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 1000 });
        return res.write(PNG);
      case '/slow':
        return; // never answers
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const onlyLocal = (ip: string) => ip === '127.0.0.1';

/** The proxy behind the app's own sign-in and security headers, with test-only options. */
async function setup(options: Partial<ImageProxy> = { isAllowedAddress: onlyLocal }) {
  const sessions = new Sessions(sessionKey('image proxy tests'));
  const app = new Hono<Env>();
  app.use('*', securityHeaders());
  const check = async () => ({ ok: true as const });
  app.route('/', sessionRoutes({ mode: 'proxy', sessions, limiter: new LoginLimiter(DEFAULT_LOGIN_LIMITS), check }));
  // The local image server listens on a port of its own; the rule for ports has its own test.
  app.route('/', imageProxy({ sessions, isAllowedPort: () => true, ...options }));
  return { app, cookie: await signInCookie(app) };
}

function ask(app: Hono<Env>, url: string, headers: Record<string, string> = {}) {
  return app.request(`${ORIGIN}${IMAGE_PROXY_PATH}?url=${encodeURIComponent(url)}`, {
    headers: { 'sec-fetch-site': 'same-origin', ...headers },
  });
}

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('GET /api/image', () => {
  it('answers the image as it came, typed, inert and privately cached', async () => {
    const { app, cookie } = await setup();
    const res = await ask(app, `${base}/image.png`, { cookie });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(PNG.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    // Kept by the app's security headers, which make every other /api answer no-store.
    expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
    // Another session (the next person to sign in on the device) misses that cache.
    expect(res.headers.get('vary')).toBe('cookie');
  });

  it("sends only its own two headers, nothing of the browser's request", async () => {
    const { app, cookie } = await setup();
    seen.length = 0;
    const res = await ask(app, `${base}/image.png`, {
      cookie,
      referer: `${ORIGIN}/mail/inbox`,
      'accept-language': 'fr-FR',
      authorization: 'Basic ZGVtbzpkZW1v',
    });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    const { host, connection, ...sent } = seen[0]!.headers;
    expect(host).toBe(`127.0.0.1:${port}`);
    expect(connection).toBe('close');
    expect(sent).toEqual({ accept: 'image/*', 'user-agent': 'Tern image proxy' });
  });

  it('passes on the media type without its parameters, in lower case', async () => {
    const { app, cookie } = await setup();
    const res = await ask(app, `${base}/photo.jpg`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
  });

  it('passes on the old names of JPEG and PNG under the standard ones', async () => {
    const { app, cookie } = await setup();
    for (const [path, type] of [
      ['/legacy.jpg', 'image/jpeg'],
      ['/legacy.png', 'image/png'],
    ]) {
      const res = await ask(app, `${base}${path}`, { cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
    }
  });

  it("refuses a port that is not the web's, on the first hop or a redirect", async () => {
    const { app, cookie } = await setup({ isAllowedAddress: onlyLocal, isAllowedPort: (p) => p === port });
    expect(await answer(await ask(app, `${base}/to-mail-port`, { cookie }))).toEqual({
      status: 403,
      type: 'text/plain; charset=utf-8',
      text: "Tern fetches images only from the web's own ports (80 and 443), not port 25.",
    });
  });

  it('follows up to 3 redirects, checking the address of each hop', async () => {
    const asked: string[] = [];
    const { app, cookie } = await setup({ isAllowedAddress: (ip) => (asked.push(ip), onlyLocal(ip)) });
    seen.length = 0;
    const res = await ask(app, `${base}/hops/3`, { cookie });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(seen.map((s) => s.path)).toEqual(['/hops/3', '/hops/2', '/hops/1', '/image.png']);
    expect(asked).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('gives up after 3 redirects', async () => {
    const { app, cookie } = await setup();
    expect(await answer(await ask(app, `${base}/hops/4`, { cookie }))).toEqual({
      status: 502,
      type: 'text/plain; charset=utf-8',
      text: "The image's server redirected more than 3 times; Tern stopped following.",
    });
  });

  it('refuses a redirect to an address that is not allowed', async () => {
    const { app, cookie } = await setup();
    seen.length = 0;
    expect(await answer(await ask(app, `${base}/to-other-loopback`, { cookie }))).toEqual({
      status: 403,
      type: 'text/plain; charset=utf-8',
      text: '127.0.0.2 is a private or local network address; Tern fetches images only from the public internet.',
    });
    expect(seen.map((s) => s.path)).toEqual(['/to-other-loopback']);
  });

  it('refuses a redirect to an address that is not http or https', async () => {
    const { app, cookie } = await setup();
    expect(await answer(await ask(app, `${base}/to-file`, { cookie }))).toMatchObject({
      status: 502,
      text: "The image's server redirected elsewhere: The image address must start with http: or https:, not file:",
    });
  });

  it('checks the addresses a host name resolves to when it connects', async () => {
    const asked: string[] = [];
    const { app, cookie } = await setup({
      isAllowedAddress: (ip) => (asked.push(ip), ip === '127.0.0.1' || ip === '::1'),
    });
    const res = await ask(app, `${base}/to-name`, { cookie });
    expect(res.status).toBe(200);
    // The first is the literal 127.0.0.1 of the first hop; then what `localhost` resolved to.
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.slice(1)).toContain('127.0.0.1');
  });

  it('refuses an answer that is not a picture, and says what came', async () => {
    const { app, cookie } = await setup();
    const notPicture = (sent: string) =>
      `The address does not give a picture: its server ${sent}. Tern shows PNG, JPEG, GIF, WebP, BMP and AVIF images.`;
    expect(await answer(await ask(app, `${base}/page.html`, { cookie }))).toMatchObject({
      status: 502,
      text: notPicture('sent text/html'),
    });
    expect(await answer(await ask(app, `${base}/drawing.svg`, { cookie }))).toMatchObject({
      status: 502,
      text: notPicture('sent image/svg+xml'),
    });
    expect(await answer(await ask(app, `${base}/untyped`, { cookie }))).toMatchObject({
      status: 502,
      text: notPicture('did not say what it sent'),
    });
  });

  it("refuses an image server's error status", async () => {
    const { app, cookie } = await setup();
    expect(await answer(await ask(app, `${base}/missing`, { cookie }))).toMatchObject({
      status: 502,
      text: "The image's server answered 404 Not Found.",
    });
  });

  it('cuts off a body larger than 5 MB that did not give its length', async () => {
    const { app, cookie } = await setup();
    expect(await answer(await ask(app, `${base}/huge`, { cookie }))).toMatchObject({
      status: 502,
      text: 'The image is larger than 5 MB; Tern does not show it.',
    });
  });

  it('refuses a declared length over 5 MB without waiting for the body', async () => {
    // The body never comes: a proxy that waited for it would end in the timeout's 504 instead.
    const { app, cookie } = await setup({ isAllowedAddress: onlyLocal, timeoutMs: 5_000 });
    expect(await answer(await ask(app, `${base}/declared-huge`, { cookie }))).toMatchObject({
      status: 502,
      text: 'The image is larger than 5 MB; Tern does not show it.',
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const { app, cookie } = await setup({ isAllowedAddress: onlyLocal, timeoutMs: 200 });
    expect(await answer(await ask(app, `${base}/slow`, { cookie }))).toMatchObject({
      status: 504,
      text: "The image's server did not answer within 0.2 s.",
    });
  });

  it('gives up on a body that does not finish in time', async () => {
    const { app, cookie } = await setup({ isAllowedAddress: onlyLocal, timeoutMs: 200 });
    expect(await answer(await ask(app, `${base}/slow-body`, { cookie }))).toMatchObject({
      status: 504,
      text: "The image's server did not answer within 0.2 s.",
    });
  });

  it('refuses an address it cannot use, saying what is wrong', async () => {
    const { app, cookie } = await setup();
    const refused = async (url: string) => answer(await ask(app, url, { cookie }));
    expect(await refused('file:///etc/passwd')).toEqual({
      status: 400,
      type: 'text/plain; charset=utf-8',
      text: 'The image address must start with http: or https:, not file:',
    });
    expect(await refused('javascript:alert(1)')).toMatchObject({
      status: 400,
      text: 'The image address must start with http: or https:, not javascript:',
    });
    expect(await refused('/image.png')).toMatchObject({
      status: 400,
      text: 'The image address is not an absolute URL: /image.png',
    });
    expect(await refused(`http://user:secret@127.0.0.1:${port}/image.png`)).toMatchObject({
      status: 400,
      text: 'The image address carries a user name or password; Tern does not send those.',
    });
    expect(await refused(`${base}/${'a'.repeat(2048)}`)).toMatchObject({
      status: 400,
      text: 'The image address is longer than 2048 characters.',
    });
    const none = await app.request(`${ORIGIN}${IMAGE_PROXY_PATH}`, { headers: { cookie } });
    expect(await answer(none)).toMatchObject({
      status: 400,
      text: 'No image address: ask for /api/image?url=<URL-encoded address>.',
    });
  });

  it('asks for a sign-in without a session', async () => {
    const { app } = await setup();
    seen.length = 0;
    expect(await answer(await ask(app, `${base}/image.png`))).toEqual({
      status: 401,
      type: 'text/plain; charset=utf-8',
      text: 'You are not signed in, or your session has ended: sign in again.',
    });
    expect(seen).toEqual([]);
  });

  it("refuses another site's request, even with the cookie", async () => {
    const { app, cookie } = await setup();
    seen.length = 0;
    for (const site of ['cross-site', 'same-site', 'none'])
      expect(await answer(await ask(app, `${base}/image.png`, { cookie, 'sec-fetch-site': site }))).toEqual({
        status: 403,
        type: 'text/plain; charset=utf-8',
        text: `Refused: images are fetched only for Tern's own pages (Sec-Fetch-Site is "${site}").`,
      });
    expect(seen).toEqual([]);
  });
});

describe('GET /api/image in the app, with the default (public addresses only) rule', () => {
  const mailbox = testMailbox(0);
  afterAll(() => mailbox.close());

  async function inApp() {
    const app = createApp({ mailbox, log: () => {} });
    return { app, cookie: await signInCookie(app) };
  }

  it('refuses the cloud metadata address', async () => {
    const { app, cookie } = await inApp();
    expect(await answer(await ask(app, 'http://169.254.169.254/latest/meta-data', { cookie }))).toEqual({
      status: 403,
      type: 'text/plain; charset=utf-8',
      text: '169.254.169.254 is a private or local network address; Tern fetches images only from the public internet.',
    });
  });

  it('refuses loopback written as IPv4-mapped IPv6', async () => {
    const { app, cookie } = await inApp();
    seen.length = 0;
    expect(await answer(await ask(app, `http://[::ffff:127.0.0.1]:${port}/image.png`, { cookie }))).toMatchObject({
      status: 403,
      text: '[::ffff:7f00:1] is a private or local network address; Tern fetches images only from the public internet.',
    });
    expect(seen).toEqual([]);
  });

  it('refuses a host name that resolves to loopback, when it connects', async () => {
    const { app, cookie } = await inApp();
    seen.length = 0;
    // Port 80: the rule for ports would refuse the test server's own before any lookup.
    const { status, text } = await answer(await ask(app, 'http://localhost/image.png', { cookie }));
    expect(status).toBe(403);
    expect(text).toMatch(
      /^localhost \((127\.0\.0\.1|::1)\) is a private or local network address; Tern fetches images only from the public internet\.$/,
    );
    expect(seen).toEqual([]);
  });

  it('refuses a public address on a port that is not 80 or 443, without connecting', async () => {
    const { app, cookie } = await inApp();
    expect(await answer(await ask(app, 'http://93.184.215.14:8080/x.png', { cookie }))).toMatchObject({
      status: 403,
      text: "Tern fetches images only from the web's own ports (80 and 443), not port 8080.",
    });
  });

  it('refuses file: and javascript: addresses', async () => {
    const { app, cookie } = await inApp();
    expect((await ask(app, 'file:///etc/passwd', { cookie })).status).toBe(400);
    expect((await ask(app, 'javascript:alert(1)', { cookie })).status).toBe(400);
  });

  it('asks for a sign-in without a session', async () => {
    const { app } = await inApp();
    const res = await ask(app, 'http://example.com/a.png');
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
