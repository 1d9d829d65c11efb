import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';
import { testMailbox } from './testing/test-mailbox.js';
import { ORIGIN, postPwa, signInCookie } from './testing/http.js';
import { GetFolder, encodeRequest } from '../ews/index.js';

const parent = mkdtempSync(join(tmpdir(), 'tern-static-'));
const dist = join(parent, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tern app</title>');
writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), 'console.log("app")');
writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Tern"}');
const BIG_SCRIPT = `export const words = ${JSON.stringify('mail '.repeat(2000))};`;
writeFileSync(join(dist, 'assets', 'big-7c1e0a.js'), BIG_SCRIPT);
writeFileSync(join(dist, 'assets', 'photo-1b2c3d.png'), Buffer.alloc(4096, 7));
// A file the build compressed itself (Zopfli, vite.config.ts), and one whose .gz is older than it.
const PRESSED = `export const more = ${JSON.stringify('post '.repeat(2000))};`;
writeFileSync(join(dist, 'assets', 'pressed-5d6e7f.js'), PRESSED);
writeFileSync(join(dist, 'assets', 'pressed-5d6e7f.js.gz'), gzipSync(PRESSED, { level: 1 }));
writeFileSync(join(dist, 'assets', 'stale-8a9b0c.js.gz'), gzipSync('export const old = 1;'));
utimesSync(join(dist, 'assets', 'stale-8a9b0c.js.gz'), new Date(2020, 0, 1), new Date(2020, 0, 1));
writeFileSync(join(dist, 'assets', 'stale-8a9b0c.js'), BIG_SCRIPT);
writeFileSync(join(dist, '.env'), 'SECRET=1');
writeFileSync(join(parent, 'outside-dist.txt'), 'outside');
afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
  mailbox.close();
});

const mailbox = testMailbox();
const app = createApp({ mailbox, distDir: dist, log: () => {} });
const get = (path: string, headers: Record<string, string> = {}) => app.request(`${ORIGIN}${path}`, { headers });

describe('createApp', () => {
  it('needs exactly one of a mailbox and an upstream', () => {
    expect(() => createApp({})).toThrow(/exactly one/);
    expect(() => createApp({ mailbox, upstream: 'http://127.0.0.1:1/EWS/Exchange.asmx' })).toThrow(/exactly one/);
  });
});

describe('GET /healthz', () => {
  it('answers 200 "ok"', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });
});

describe('security headers', () => {
  const paths = ['/', '/healthz', '/signin', '/api/session', '/no/such/file.js', '/EWS/Exchange.asmx', '/admin/faults'];

  it.each(paths)('are on every answer: %s', async (path) => {
    const res = await get(path);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'; worker-src 'self'; require-trusted-types-for 'script'; " +
        'trusted-types tern-mail tern-inert tern-worker tern-purify; report-to csp; report-uri /api/csp-report',
    );
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('reporting-endpoints')).toBe('csp="/api/csp-report"');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
  });

  it('marks /ews answers Cross-Origin-Resource-Policy: same-origin and never cacheable', async () => {
    const cookie = await signInCookie(app);
    const res = await postPwa(
      app,
      cookie,
      encodeRequest(GetFolder, { folderShape: { baseShape: 'IdOnly' }, folderIds: [{ distinguished: 'inbox' }] }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no CORS header, even to a preflight from another origin', async () => {
    const responses = await Promise.all([
      app.request(`${ORIGIN}/ews`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.test',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-tern-client, content-type',
        },
      }),
      get('/api/session', { origin: 'https://evil.test' }),
      get('/', { origin: 'https://evil.test' }),
    ]);
    for (const res of responses)
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('adds Strict-Transport-Security only over https', async () => {
    expect((await get('/healthz')).headers.get('strict-transport-security')).toBeNull();
    expect((await app.request('https://tern.test/healthz')).headers.get('strict-transport-security')).toMatch(
      /max-age=/,
    );
  });
});

describe('static PWA', () => {
  it('serves index.html at / and for app routes, revalidated on every load', async () => {
    for (const path of ['/', '/folder/inbox', '/message/AAMk-123']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('Tern app');
    }
  });

  it('serves sw.js and the manifest with no-cache, hashed assets as immutable', async () => {
    const sw = await get('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const asset = await get('/assets/index-3f9a1c.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app")');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/sw.js');
    const etag = first.headers.get('etag')!;
    const again = await get('/sw.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('sends scripts gzipped to a browser that accepts it, with their own validator, and plain to others', async () => {
    const zipped = await get('/assets/big-7c1e0a.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(Number(zipped.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(BIG_SCRIPT.length / 10);
    expect(gunzipSync(bytes).toString()).toBe(BIG_SCRIPT);

    const plain = await get('/assets/big-7c1e0a.js', { 'accept-encoding': 'gzip;q=0, br' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_SCRIPT);
    expect(plain.headers.get('etag')).not.toBe(zipped.headers.get('etag'));

    const again = await get('/assets/big-7c1e0a.js', {
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
    // Images are compressed already; tiny files are not worth it.
    const png = await get('/assets/photo-1b2c3d.png', { 'accept-encoding': 'gzip' });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect((await get('/sw.js', { 'accept-encoding': 'gzip' })).headers.get('content-encoding')).toBeNull();
  });

  it('sends the build’s own .gz of a file when it is as new as the file, and compresses it here otherwise', async () => {
    const pressed = await get('/assets/pressed-5d6e7f.js', { 'accept-encoding': 'gzip' });
    const bytes = Buffer.from(await pressed.arrayBuffer());
    expect(bytes).toEqual(gzipSync(PRESSED, { level: 1 }));
    expect(gunzipSync(bytes).toString()).toBe(PRESSED);
    const stale = await get('/assets/stale-8a9b0c.js', { 'accept-encoding': 'gzip' });
    expect(gunzipSync(Buffer.from(await stale.arrayBuffer())).toString()).toBe(BIG_SCRIPT);
  });

  it('answers 404 for a missing file instead of the app shell', async () => {
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it.each([
    '/../outside-dist.txt',
    '/%2e%2e/outside-dist.txt',
    '/assets/..%2f..%2foutside-dist.txt',
    '/.env',
    '/%00.js',
  ])('never serves anything outside dist/ or hidden: %s', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(await res.text()).not.toMatch(/outside|SECRET/);
  });

  it('does not answer API paths with the app shell', async () => {
    for (const path of ['/api/nothing', '/admin/nothing', '/ews/anything']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Tern app');
    }
  });

  it('says how to build the app when dist/ is missing, and /signin still works', async () => {
    const unbuilt = createApp({ mailbox, distDir: join(dist, 'nope') });
    const home = await unbuilt.request(`${ORIGIN}/`);
    expect(home.status).toBe(503);
    expect(await home.text()).toContain('npm run build');
    const signin = await unbuilt.request(`${ORIGIN}/signin`);
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain('autocomplete="current-password"');
  });
});
