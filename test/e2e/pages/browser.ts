import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  /** The profile folder: relaunching with it keeps the service worker, caches and IndexedDB. */
  profile: string;
  close(): Promise<void>;
  /**
   * Kills the browser process with SIGKILL, as a crash or a power button would: no unload, no
   * shutdown, the profile left as it was. Relaunch with `launchBrowser({ profile })`.
   */
  kill(): Promise<void>;
}

/**
 * Real Chromium with a persistent profile (service workers need one to survive reloads): a fresh
 * one, or `profile` again after a `kill()`.
 */
export async function launchBrowser(
  options: { width?: number; height?: number; touch?: boolean; backForwardCache?: boolean; profile?: string } = {},
): Promise<Browser> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'tern-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    // Playwright turns the back/forward cache off by default; a test of it turns it back on.
    ...(options.backForwardCache && { ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    // A phone or a tablet: a screen that is touched, not hovered, as Chromium's device emulation makes it.
    ...(options.touch && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
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
    async kill() {
      const gone = new Promise((resolve) => context.once('close', resolve));
      process.kill(browserProcess(profile), 'SIGKILL');
      await gone;
    },
  };
}

/**
 * The pid of the browser process using `profile` (Linux): the one launched with that
 * `--user-data-dir` that is not a renderer, GPU or utility child (those carry `--type=`).
 * Playwright does not expose the process of a persistent context.
 */
function browserProcess(profile: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // it ended while we looked
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`No browser process runs with the profile ${profile}`);
}
