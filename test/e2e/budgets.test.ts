import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enViews } from '../../src/ui/i18n/en-views.js';

// Reads the build `npm run test:e2e` made (vite build) and counts the bytes the server sends: the
// build's Zopfli `.gz` of each file (vite.config.ts). No browser needed.
const DIST = new URL('../../dist/', import.meta.url);
const KB = 1024;
const PAGE_BUDGET = 60 * KB;
const WORKER_BUDGET = 60 * KB;

const read = (path: string) => readFileSync(new URL(path.replace(/^\//, ''), DIST));
const gz = (path: string) => read(`${path}.gz`).length;

/** The scripts index.html loads before anything runs: its module entry and modulepreloads. */
function firstLoadScripts(): string[] {
  const html = read('index.html').toString();
  const srcs = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...srcs, ...preloads])];
}

describe('budgets', () => {
  it('keeps the JavaScript of the first load within 60 KB gzipped', () => {
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, s) => sum + gz(s), 0);
    console.log(`first-load JavaScript: ${(total / KB).toFixed(1)} KB gzipped (${scripts.join(', ')})`);
    expect(total).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('keeps the service worker within 60 KB gzipped', () => {
    const size = gz('sw.js');
    console.log(`service worker: ${(size / KB).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThanOrEqual(WORKER_BUDGET);
  });

  it('leaves DOMPurify, the composer and the diagnostics page out of the first load', () => {
    const first = firstLoadScripts()
      .map((s) => read(s).toString())
      .join('\n');
    // Strings only these modules contain (DOMPurify's hook names, our own views' class names).
    expect(first).not.toContain('uponSanitizeAttribute');
    expect(first).not.toContain('compose-form');
    expect(first).not.toContain('diag-table');
    const lazy = readdirSync(new URL('assets/', DIST)).filter((f) => f.endsWith('.js'));
    const chunks = lazy.map((f) => read(`assets/${f}`).toString());
    expect(chunks.some((c) => c.includes('uponSanitizeAttribute'))).toBe(true);
    expect(chunks.some((c) => c.includes('compose-form'))).toBe(true);
    expect(chunks.some((c) => c.includes('diag-table'))).toBe(true);
  });

  it('leaves the words of later views (en-views.ts) out of the first load, and ships them with those views', () => {
    const first = firstLoadScripts()
      .map((s) => read(s).toString())
      .join('\n');
    // A key's name in any quotes: the catalogue's own entry or a use in code.
    const named = (text: string, key: string) => ['"', "'", '`'].some((q) => text.includes(`${q}${key}${q}`));
    const early = Object.keys(enViews).filter((key) => named(first, key));
    expect(early, 'keys the first load uses: move them from en-views.ts to en.ts').toEqual([]);
    const chunks = readdirSync(new URL('assets/', DIST))
      .filter((f) => f.endsWith('.js'))
      .map((f) => read(`assets/${f}`).toString());
    expect(chunks.some((c) => named(c, 'diag.title') && c.includes(enViews['diag.title']))).toBe(true);
  });
});
