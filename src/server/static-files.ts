import type { Context, Handler } from 'hono';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Vite puts content-hashed files under assets/: a new build gives new names, so they never change.
// Everything else (index.html, sw.js, the manifest, icons) must be revalidated, or an installed
// app would keep running an old service worker. https://vite.dev/guide/build
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

// Paths the server answers itself; the app shell is never served in their place.
const RESERVED = /^\/(ews|EWS|api|admin)(\/|$)/;

/**
 * Serves the built PWA from `distDir`: files as they are, `index.html` for app routes (paths
 * without an extension), and a page saying how to build the app when it is not built.
 */
export function serveApp(distDir: string | undefined): Handler {
  const root = distDir ? resolve(distDir) : undefined;
  return async (c) => {
    const path = c.req.path;
    if (RESERVED.test(path)) return c.json({ error: 'not-found', message: `Nothing at ${path}.` }, 404);
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.text('Bad path.', 400);
    }
    const isAppRoute = extname(decoded) === '';
    if (!root || !existsSync(join(root, 'index.html')))
      return isAppRoute ? c.html(NOT_BUILT, 503) : c.text('Not found.', 404);
    // No dot segments (.., .git), no NUL, nothing outside the folder.
    if (decoded.includes('\0') || decoded.split('/').some((s) => s.startsWith('.'))) return c.text('Not found.', 404);
    const file = resolve(root, '.' + decoded);
    if (file !== root && !file.startsWith(root + sep)) return c.text('Not found.', 404);
    const found = await fileAt(file);
    if (found) return send(c, found, decoded.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    if (isAppRoute) return send(c, (await fileAt(join(root, 'index.html')))!, REVALIDATE);
    return c.text('Not found.', 404);
  };
}

interface Found {
  path: string;
  size: number;
  mtimeMs: number;
}

async function fileAt(path: string): Promise<Found | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

// Scripts, styles and pages shrink to a third or less gzipped (the app's scripts are budgeted
// gzipped: test/e2e/budgets.test.ts); images are compressed already. Tiny files are not worth it.
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg)/;
const MIN_GZIP = 1024;

/** Accept-Encoding names gzip with a weight above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

// Each file compressed once per version (size and mtime): dist/ is a few hundred KB, fixed at build.
// The build's own `<file>.gz` (Zopfli, vite.config.ts) is taken when it is as new as the file.
const gzipped = new Map<string, { version: string; bytes: Uint8Array<ArrayBuffer> }>();
async function gzipOf(f: Found, version: string): Promise<Uint8Array<ArrayBuffer>> {
  const hit = gzipped.get(f.path);
  if (hit?.version === version) return hit.bytes;
  const built = await fileAt(`${f.path}.gz`);
  const bytes = new Uint8Array(
    built && built.mtimeMs >= f.mtimeMs
      ? await readFile(built.path)
      : await gzipAsync(await readFile(f.path), { level: 9 }),
  );
  gzipped.set(f.path, { version, bytes });
  return bytes;
}

async function send(c: Context, f: Found, cacheControl: string): Promise<Response> {
  const type = TYPES[extname(f.path).toLowerCase()] ?? 'application/octet-stream';
  const compressible = COMPRESSIBLE.test(type) && f.size >= MIN_GZIP;
  const zipped = compressible && acceptsGzip(c.req.header('accept-encoding'));
  const version = `${f.size.toString(16)}-${Math.floor(f.mtimeMs).toString(16)}`;
  // Each encoding is its own representation, with its own validator.
  const etag = `W/"${version}${zipped ? '-gz' : ''}"`;
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': cacheControl, etag };
  if (compressible) headers['vary'] = 'accept-encoding';
  if (zipped) headers['content-encoding'] = 'gzip';
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const bytes = zipped ? await gzipOf(f, version) : undefined;
  const full = { ...headers, 'content-length': String(bytes ? bytes.length : f.size) };
  if (c.req.method === 'HEAD') return c.body(null, 200, full);
  return c.body(bytes ?? (await readFile(f.path)), 200, full);
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tern is not built yet</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>The Tern app is not built yet</h1>
<p>The server is running, but the web app has not been built. In the project folder, run</p>
<pre>npm run build</pre>
<p>(or <code>npm start</code>, which builds it when needed), then reload this page.</p>
<p>You can already <a href="/signin">sign in</a>, and EWS clients can use <code>/EWS/Exchange.asmx</code>.</p>
</body>
</html>
`;
