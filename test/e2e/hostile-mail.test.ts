import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_HTML } from '../../src/ui/mail-html/payloads.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

/** What could run in a frame of `page`, should its sandbox or CSP ever let it; empty when nothing. */
async function liveCode(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const f of page.frames()) {
    if (await f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined))
      found.push(`${f.url()}: a script ran`);
    if (f !== page.mainFrame()) found.push(...(await (await f.evaluateHandle(() => document)).evaluate(scriptsIn)));
  }
  return found;
}

/**
 * Scripts, event handlers and script URLs in a document; run in the page that holds it (through a
 * handle), so it must use nothing from outside itself.
 */
function scriptsIn(doc: Document): string[] {
  return [
    ...[...doc.querySelectorAll('script')].map(() => 'script'),
    ...[...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`),
    ),
    ...[...doc.querySelectorAll('[href],[src],[action]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '')
      .filter((url) => /^\s*(?:java|vb)script:/i.test(url)),
  ];
}

/**
 * The mail frame is sandboxed without scripts, its document carries its own CSP, and a moment
 * later nothing in any frame of the page has run or could.
 */
async function expectInert(page: Page, frame: Locator, name: string): Promise<void> {
  expect(await frame.getAttribute('sandbox'), name).toBe('allow-popups allow-popups-to-escape-sandbox');
  expect(await frame.getAttribute('srcdoc'), name).toContain("default-src 'none'");
  await page.waitForTimeout(300);
  expect(await liveCode(page), name).toEqual([]);
}

/** A page of the signed-in browser, with every dialog a mail might open recorded and dismissed. */
async function watchedPage(browser: Browser, server: TernServer): Promise<{ mailbox: MailboxPage; dialogs: string[] }> {
  const page = await browser.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.url);
  const mailbox = new MailboxPage(page);
  await mailbox.folder('inbox').waitFor();
  return { mailbox, dialogs };
}

describe('hostile HTML mail', () => {
  let server: TernServer;
  let browser: Browser;
  /** Every request the browser made to the attacker's hosts, whatever asked for it. */
  const attacker: string[] = [];

  beforeAll(async () => {
    server = await startTern({ seedMessages: 20 });
    browser = await launchBrowser();
    browser.context.on('request', (r) => {
      if (new URL(r.url()).hostname.endsWith('attacker.test')) attacker.push(r.url());
    });
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
    // Each of them again as an email attached to another, which the reader opens in place.
    const attached = Object.entries(HOSTILE_HTML).map(async ([name, html]) => ({
      filename: `${name}.eml`,
      contentType: 'message/rfc822',
      content: await new MailComposer({ from: 'mallory@evil.test', to: DEMO.user, subject: `Attached ${name}`, html })
        .compile()
        .build(),
    }));
    await deliver(server, {
      to: DEMO.user,
      subject: 'Hostile emails attached',
      text: 'See the attached emails.',
      attachments: await Promise.all(attached),
    });
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
    const proxied: string[] = [];
    browser.context.on('request', (r) => {
      const url = new URL(r.url());
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
      await expectInert(page, frame, name);
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

  it('prints each of them with nothing of it run or fetched', async () => {
    const { mailbox, dialogs } = await watchedPage(browser, server);
    const { page } = mailbox;
    type Printed = { doc: Document; sandbox: string | null }[];
    // print() of the print frame keeps the frame's document instead of opening the dialog.
    await page.evaluate(() => {
      const own = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
      const printed: Printed = [];
      (window as unknown as { __printed: Printed }).__printed = printed;
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get(this: HTMLIFrameElement) {
          const w = own.get!.call(this) as Window | null;
          if (w && this.classList.contains('print-frame'))
            w.print = () => printed.push({ doc: w.document, sandbox: this.getAttribute('sandbox') });
          return w;
        },
      });
    });
    const printed = () => page.evaluate(() => (window as unknown as { __printed: Printed }).__printed.length);

    for (const [i, name] of Object.keys(HOSTILE_HTML).entries()) {
      await mailbox.row(`Hostile: ${name}`).click();
      await mailbox.reader.locator('#reader-subject', { hasText: `Hostile: ${name}` }).waitFor();
      await mailbox.reader.locator('iframe.mail-frame').waitFor();
      await mailbox.reader.getByRole('button', { name: 'Print' }).click();
      await expect.poll(printed).toBe(i + 1);
      const last = await page.evaluateHandle(() => (window as unknown as { __printed: Printed }).__printed.at(-1)!);
      expect(await last.evaluate((p) => p.sandbox), name).toBe('allow-same-origin allow-modals');
      const doc = await last.evaluateHandle((p) => p.doc);
      expect(await doc.evaluate((d) => d.body.textContent?.includes('Hostile:')), name).toBe(true);
      expect(await doc.evaluate(scriptsIn), name).toEqual([]);
      expect(await liveCode(page), name).toEqual([]);
    }
    expect(await page.locator('.print-frame').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(attacker).toEqual([]);
  });

  it('opens each of them attached to another email with nothing of it run or fetched', async () => {
    const { mailbox, dialogs } = await watchedPage(browser, server);
    const { page } = mailbox;
    await mailbox.row('Hostile emails attached').click();
    await mailbox.reader.locator('#reader-subject', { hasText: 'Hostile emails attached' }).waitFor();
    // Many attachments make the message taller than the window: it scrolls in its pane, and the
    // status bar stays at the foot of the window instead of covering the list of files.
    const layout = await page.evaluate(() => {
      const pane = document.querySelector('.reader-pane')!;
      return {
        viewport: window.innerHeight,
        document: document.documentElement.scrollHeight,
        statusBottom: document.querySelector('.status-bar')!.getBoundingClientRect().bottom,
        paneScrolls: pane.scrollHeight > pane.clientHeight,
      };
    });
    expect(layout).toEqual({
      viewport: layout.viewport,
      document: layout.viewport,
      statusBottom: layout.viewport,
      paneScrolls: true,
    });
    const opened = page.locator('dialog.attached-email[open]');
    for (const name of Object.keys(HOSTILE_HTML)) {
      const file = mailbox.reader
        .locator('.attachments li')
        .filter({ has: page.getByText(`Attached ${name}.eml`, { exact: true }) });
      await file.getByRole('button', { name: 'Open' }).click();
      await opened.locator('#dialog-title', { hasText: `Attached ${name}` }).waitFor();
      const frame = opened.locator('iframe.mail-frame');
      await frame.waitFor();
      await expectInert(page, frame, name);
      await opened.getByRole('button', { name: 'Close' }).click();
      await opened.waitFor({ state: 'detached' });
    }
    expect(dialogs).toEqual([]);
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
