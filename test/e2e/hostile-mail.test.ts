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

  it('runs no script and fetches nothing from the sender’s hosts until "Show images"', async () => {
    const dialogs: string[] = [];
    const attacker: string[] = [];
    browser.context.on('request', (r) => {
      if (new URL(r.url()).hostname.endsWith('attacker.test')) attacker.push(r.url());
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
      }
    }
    expect(dialogs).toEqual([]);
    expect(attacker).toEqual([]);

    // Consent: the beacon's https images get their real address in that one frame.
    await mailbox.row('Hostile: remote beacons').click();
    await mailbox.reader.getByRole('button', { name: 'Show images' }).click();
    const srcdoc = () => mailbox.reader.locator('iframe.mail-frame').getAttribute('srcdoc');
    await expect.poll(srcdoc).toContain(' src="https://attacker.test/pixel.gif"');
    expect(await srcdoc()).toContain('img-src data: blob: https:');
  });
});
