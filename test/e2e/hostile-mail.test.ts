import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_HTML } from '../../src/ui/mail-html/payloads.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

describe('hostile HTML mail', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 20 });
    browser = await launchBrowser();
    // Every Trusted Types violation a page of the app reports. (Others are the policy at work on
    // mail: DOMPurify's parser shares the page's CSP, so a mail's <base> is refused as it parses.)
    await browser.context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        if (e.violatedDirective.includes('trusted-types')) seen.push(`${e.violatedDirective} ${e.sample}`);
      });
    });
    for (const [name, html] of Object.entries(HOSTILE_HTML))
      await deliver(server, { to: DEMO.user, subject: `Hostile: ${name}`, html, text: 'fallback' });
    await deliver(server, {
      to: DEMO.user,
      from: '"\u202Emoc.knab@ecivres" <mallory@evil.test>',
      subject: 'Your invoice \u202Etxt.exe',
      text: 'See the attachment.',
      attachments: [{ filename: 'invoice\u202Efdp.exe', content: 'MZ', contentType: 'application/pdf' }],
    });
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
    // Tern's own code hit no HTML sink with a plain string while showing all of that, and the
    // sinks are closed to anything else (SECURITY.md §10.1: Trusted Types).
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(
      await page.evaluate(async () => {
        const tt = (window as unknown as { trustedTypes: { createPolicy(n: string, p: object): unknown } })
          .trustedTypes;
        const tries: Record<string, () => unknown> = {
          innerHTML: () => (document.createElement('div').innerHTML = '<img src=x>'),
          policy: () => tt.createPolicy('attacker', {}),
          worker: () => navigator.serviceWorker.register('/attachments/evil.js'),
        };
        const out: string[] = [];
        for (const [name, run] of Object.entries(tries)) {
          try {
            await run();
            out.push(`${name}: allowed`);
          } catch (e) {
            out.push(`${name}: ${(e as Error).name}`);
          }
        }
        return out;
      }),
    ).toEqual(['innerHTML: TypeError', 'policy: TypeError', 'worker: TypeError']);

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

  it('keeps a right-to-left override inside the sender’s name, and out of file names', async () => {
    // A second page of the same browser: the first test signed it in and synced the store.
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const mailbox = new MailboxPage(page);
    // The list shows names alone: one that reads as another address gives way to the real one.
    const sender = async () =>
      (await mailbox.row('Your invoice').locator('.sender').innerText()).replace(/[\u2068\u2069]/g, '');
    await expect.poll(sender).toBe('mallory@evil.test');
    await mailbox.row('Your invoice').click();
    const from = mailbox.reader.locator('.reader-header dd.from');
    await from.waitFor();
    // Where the name and the address land on screen: an override that escaped the name would
    // draw the address reversed, to the left of the name's end.
    const place = await from.evaluate((dd) => {
      const text = dd.firstChild as Text;
      const range = (start: number, end: number) => {
        const r = document.createRange();
        r.setStart(text, start);
        r.setEnd(text, end);
        return r.getBoundingClientRect();
      };
      const cut = text.data.indexOf(' <');
      return { text: text.data, nameEnd: range(0, cut).right, addressStart: range(cut + 2, text.data.length).left };
    });
    expect(place.text).toContain('<mallory@evil.test>');
    expect(place.addressStart).toBeGreaterThanOrEqual(place.nameEnd);

    // The file is what it is: an .exe, shown and saved as one.
    const file = mailbox.reader.locator('.attachments li');
    expect(await file.locator('.att-name').innerText()).toBe('invoicefdp.exe');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      file.locator('a', { hasText: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('invoicefdp.exe');
  });
});
