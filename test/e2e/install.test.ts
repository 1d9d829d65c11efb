import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { signedIn } from './support/signed-in.js';
import { startTern, type TernServer } from './support/tern-server.js';

interface Manifest {
  name: string;
  short_name: string;
  display: string;
  start_url: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

describe('install', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 50 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is an installable app: manifest, icons, a worker controlling the page, no installability errors', async () => {
    const { page } = await signedIn(browser, server);

    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const res = await page.request.get(new URL(href!, server.url).href);
    expect(res.ok()).toBe(true);
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({ name: 'Tern', short_name: 'Tern', display: 'standalone', start_url: '/' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const img = await page.request.get(new URL(icon.src, server.url).href);
      expect(img.ok(), icon.src).toBe(true);
      expect(img.headers()['content-type']).toBe('image/png');
      const png = await img.body();
      // PNG signature, then the IHDR width and height, which must match the declared size.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    }

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const script = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    expect(script).toBe(`${server.url}/sw.js`);

    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  });

  it('takes over a page loaded without the worker (Shift+reload), so it opens offline without another reload', async () => {
    // Signed in by the test above: the app opens straight away.
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A reload that bypasses the cache also bypasses the worker: the page starts uncontrolled.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Page.reload', { ignoreCache: true });
    await page.waitForFunction(() => document.readyState === 'complete' && !!document.querySelector('.folder-tree'));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
  });

  it('asks the browser to keep its store when it runs installed, and not in a tab', async () => {
    const open = async (standalone: boolean) => {
      const page = await browser.context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __persistAsked: number };
        w.__persistAsked = 0;
        const persist = navigator.storage.persist.bind(navigator.storage);
        navigator.storage.persist = () => (w.__persistAsked++, persist());
      });
      // Headless Chromium cannot emulate an installed window (CDP leaves display-mode alone), so
      // the page is told it runs as one.
      if (standalone)
        await page.addInitScript(() => {
          const real = window.matchMedia.bind(window);
          window.matchMedia = (q: string) =>
            q === '(display-mode: standalone)' ? ({ ...real(q), matches: true, media: q } as MediaQueryList) : real(q);
        });
      await page.goto(server.url);
      await page.locator('.list-pane [role=option]').first().waitFor();
      return () => page.evaluate(() => (window as unknown as { __persistAsked: number }).__persistAsked);
    };
    const inTab = await open(false);
    const installed = await open(true);
    await expect.poll(installed).toBe(1);
    // The tab opened first, and had all that time to ask.
    expect(await inTab()).toBe(0);
  });
});
