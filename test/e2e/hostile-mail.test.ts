import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_HTML } from '../../src/ui/mail-html/payloads.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

describe('hostile HTML mail', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 20 });
    browser = await launchBrowser();
    for (const [name, html] of Object.entries(HOSTILE_HTML))
      await deliver(server, { to: DEMO.user, subject: `Hostile: ${name}`, html, text: 'fallback' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs no script and never fetches from the sender’s hosts, "Show images" included', async () => {
    const dialogs: string[] = [];
    const attacker: string[] = [];
    const proxied: string[] = [];
    browser.context.on('request', (r) => {
      const url = new URL(r.url());
      if (url.hostname.endsWith('attacker.test')) attacker.push(r.url());
      if (url.pathname === '/api/image') proxied.push(url.searchParams.get('url')!);
    });
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    for (const name of Object.keys(HOSTILE_HTML)) {
      await mailbox.row(`Hostile: ${name}`).click();
      await mailbox.reader.locator('#reader-subject', { hasText: `Hostile: ${name}` }).waitFor();
      const frame = mailbox.reader.locator('iframe.mail-frame');
      await frame.waitFor();
      // The frame is sandboxed without scripts, and its document carries its own CSP.
      expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
      expect(await frame.getAttribute('srcdoc')).toContain("default-src 'none'");
      await page.waitForTimeout(300);
      for (const f of page.frames()) {
        expect(await f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), name).toBeUndefined();
        if (f === page.mainFrame()) continue;
        // What survived sanitizing, read in the frame itself: nothing that could run if the
        // sandbox or the CSP ever let it.
        const live = await f.evaluate(() => ({
          scripts: document.querySelectorAll('script').length,
          handlers: [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`),
          ),
          scriptUrls: [...document.querySelectorAll('[href],[src],[action]')].filter((el) =>
            /^\s*(?:java|vb)script:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
          ).length,
        }));
        expect(live, name).toEqual({ scripts: 0, handlers: [], scriptUrls: 0 });
      }
    }
    expect(dialogs).toEqual([]);
    expect(attacker).toEqual([]);

    // Consent: the Tern server is asked for the beacon's images, never the browser; here it cannot
    // reach attacker.test, so they stay blocked and the frame still names no remote address.
    await mailbox.row('Hostile: remote beacons').click();
    await mailbox.reader.getByRole('button', { name: 'Show images' }).click();
    await expect.poll(() => proxied).toContain('https://attacker.test/pixel.gif');
    await mailbox.reader.locator('.images-blocked').waitFor({ state: 'detached' });
    const srcdoc = await mailbox.reader.locator('iframe.mail-frame').getAttribute('srcdoc');
    expect(srcdoc).not.toMatch(/ src="https?:/);
    expect(srcdoc).toContain('img-src data: blob:;');
    expect(attacker).toEqual([]);
  });
});
