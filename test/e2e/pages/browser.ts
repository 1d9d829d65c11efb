import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  /** The profile folder: relaunching with it keeps the service worker, caches and IndexedDB. */
  profile: string;
  close(): Promise<void>;
}

/** Real Chromium with a fresh persistent profile (service workers need one to survive reloads). */
export async function launchBrowser(
  options: { width?: number; height?: number; backForwardCache?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tern-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    // Playwright turns the back/forward cache off by default; a test of it turns it back on.
    ...(options.backForwardCache && { ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'en-GB',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Functions passed to page.evaluate are serialized from their compiled source; tsx (esbuild with
  // keepNames) wraps named inner functions in a `__name` helper that only exists in Node. The
  // benchmarks run under tsx, so give pages a no-op one.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  return {
    context,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
