import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

/** Which of the three panes are on screen, and whether anything reaches past the screen's edges. */
async function screen(page: Page) {
  return page.evaluate(() => {
    const shown = (selector: string) => {
      const el = document.querySelector(selector);
      return !!el && el.getClientRects().length > 0;
    };
    const status = document.querySelector('.status-bar')!.getBoundingClientRect();
    return {
      panes: ['.folder-pane', '.list-pane', '.reader-pane'].filter(shown),
      overflows:
        document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight,
      statusAtFoot: Math.round(status.bottom) === innerHeight,
    };
  });
}

/** The boxes of `locator`'s matches, in CSS pixels. */
const boxes = (locator: Locator) =>
  locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top), left: r.left, right: r.right, bottom: r.bottom };
    }),
  );

/**
 * For the tests of a describe: a browser of this size, touched unless `touch` is false, signed in
 * on a fresh server with "Boarding pass" in the Inbox.
 */
function onScreen(size: { width: number; height: number }, touch = true): { mailbox: MailboxPage; page: Page } {
  const at = {} as { mailbox: MailboxPage; page: Page };
  let server: TernServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTern({ seedMessages: 60 });
    await deliver(server, {
      to: DEMO.user,
      subject: 'Boarding pass',
      html: '<p>Your seat is 14A. A long unbroken line: ' + 'x'.repeat(400) + '</p>',
      attachments: [
        { filename: 'boarding-pass.pdf', content: Buffer.from('%PDF-1.4\n'), contentType: 'application/pdf' },
      ],
    });
    browser = await launchBrowser({ ...size, touch });
    at.mailbox = await signedIn(browser, server);
    at.page = at.mailbox.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return at;
}

/** The composer covers the screen, Send in its lower half and in sight with a long text and files. */
async function writesOnTheWholeScreen(page: Page, size: { width: number; height: number }) {
  await page.locator('.compose-button').tap();
  const composer = page.locator('dialog.composer[open]');
  await composer.waitFor();
  expect(await boxes(composer)).toEqual([{ top: 0, left: 0, right: size.width, bottom: size.height }]);
  await composer.getByRole('textbox', { name: 'Message' }).fill('A line.\n'.repeat(60));
  const files = ['agenda', 'minutes', 'budget', 'slides'].map((name) => ({
    name: `${name}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(name),
  }));
  await composer.locator('input[type=file]').setInputFiles(files);
  await composer.locator('.attachment-chip', { hasText: 'slides.txt' }).waitFor();
  const send = (await boxes(composer.getByRole('button', { name: 'Send' })))[0]!;
  expect(send.bottom).toBeLessThanOrEqual(size.height);
  expect(send.top).toBeGreaterThan(size.height / 2);
  // Each of its buttons on screen with its label on one line (no taller than Send, give or take a pixel).
  const lines = (b: { top: number; bottom: number }) => Math.round((b.bottom - b.top) / (send.bottom - send.top));
  const actions = await boxes(composer.locator('.dialog-actions button'));
  expect(actions.map((b) => [lines(b), b.right <= size.width])).toEqual(actions.map(() => [1, true]));
  await composer.getByRole('button', { name: 'Close' }).tap();
  await composer.waitFor({ state: 'detached' });
}

describe('on a phone', () => {
  const at = onScreen({ width: 390, height: 844 });

  it('shows one pane at a time, each within the screen, and goes back with the Back button or the browser’s', async () => {
    const { mailbox, page } = at;
    expect(await screen(page)).toEqual({ panes: ['.list-pane'], overflows: false, statusAtFoot: true });

    await mailbox.row('Boarding pass').tap();
    await mailbox.reader.locator('#reader-subject', { hasText: 'Boarding pass' }).waitFor();
    await mailbox.reader.locator('iframe.mail-frame').waitFor();
    expect(await screen(page)).toEqual({ panes: ['.reader-pane'], overflows: false, statusAtFoot: true });
    // Every action of the reader in one row across the screen, none cut off at its edge.
    const actions = await boxes(mailbox.reader.locator('.reader-bar button:visible, .reader-bar a:visible'));
    expect(actions.length).toBeGreaterThanOrEqual(10);
    expect(new Set(actions.map((b) => b.top)).size).toBe(1);
    expect(actions.every((b) => b.left >= 0 && b.right <= 390)).toBe(true);
    // The file is there to download, within reach too.
    const file = mailbox.reader.locator('.attachments li', { hasText: 'boarding-pass.pdf' });
    expect((await boxes(file))[0]!.right).toBeLessThanOrEqual(390);

    await mailbox.reader.getByRole('button', { name: 'Back' }).tap();
    await mailbox.row('Boarding pass').waitFor();
    expect(await screen(page)).toEqual({ panes: ['.list-pane'], overflows: false, statusAtFoot: true });

    await mailbox.row('Boarding pass').tap();
    await mailbox.reader.locator('#reader-subject', { hasText: 'Boarding pass' }).waitFor();
    await page.goBack();
    await expect.poll(async () => (await screen(page)).panes).toEqual(['.list-pane']);
  });

  it('opens the folders from the menu button and closes them on the folder chosen', async () => {
    const { mailbox, page } = at;
    const menu = page.getByRole('button', { name: 'Folders' });
    await menu.tap();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await screen(page)).toEqual({ panes: ['.folder-pane'], overflows: false, statusAtFoot: true });
    await mailbox.folder('sentitems').tap();
    await page.locator('.list-header h2', { hasText: 'Sent' }).waitFor();
    expect(await screen(page)).toEqual({ panes: ['.list-pane'], overflows: false, statusAtFoot: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  });

  it('writes on the whole screen with Send in reach', () =>
    writesOnTheWholeScreen(at.page, { width: 390, height: 844 }));
});

describe('on a phone held sideways', () => {
  const at = onScreen({ width: 844, height: 390 });

  it('writes on the whole screen with Send in reach', () =>
    writesOnTheWholeScreen(at.page, { width: 844, height: 390 }));
});

describe('on a tablet', () => {
  const at = onScreen({ width: 768, height: 1024 });

  it('gives the width to the list and the message, and the folders come over the list from the menu button', async () => {
    const { mailbox, page } = at;
    await mailbox.row('Boarding pass').tap();
    await mailbox.reader.locator('#reader-subject', { hasText: 'Boarding pass' }).waitFor();
    const both = { panes: ['.list-pane', '.reader-pane'], overflows: false, statusAtFoot: true };
    expect(await screen(page)).toEqual(both);
    // The message has more room than the list, enough for its actions on one row.
    const [list] = await boxes(page.locator('.list-pane'));
    const [reader] = await boxes(mailbox.reader);
    expect(reader!.right - reader!.left).toBeGreaterThan(list!.right - list!.left);
    const actions = await boxes(mailbox.reader.locator('.reader-bar button:visible, .reader-bar a:visible'));
    expect(new Set(actions.map((b) => b.top)).size).toBe(1);

    const menu = page.getByRole('button', { name: 'Folders' });
    await menu.tap();
    expect(await screen(page)).toEqual({ ...both, panes: ['.folder-pane', '.reader-pane'] });
    await mailbox.folder('sentitems').tap();
    await page.locator('.list-header h2', { hasText: 'Sent' }).waitFor();
    expect(await screen(page)).toEqual(both);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // By keyboard: the menu button takes the focus to the folder shown, Esc brings it back.
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('data-folder') ?? document.activeElement?.getAttribute('aria-label'),
      );
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('sentitems');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Folders');
    expect(await screen(page)).toEqual(both);
  });
});

describe('on half a laptop’s screen', () => {
  const at = onScreen({ width: 960, height: 800 }, false);

  it('moves a message to a folder put away: the drag rests on the menu button, and the folders come', async () => {
    const { mailbox, page } = at;
    const menu = page.getByRole('button', { name: 'Folders' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await mailbox.row('Boarding pass').hover();
    await page.mouse.down();
    await menu.hover();
    await page.locator('.folder-pane').waitFor({ state: 'visible' });
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await mailbox.folder('Archive').hover();
    await page.mouse.up();
    await page.locator('.toast', { hasText: 'Moved to Archive.' }).waitFor();
    // Put away again once the message is dropped, the list and the message back.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect((await screen(page)).panes).toEqual(['.list-pane', '.reader-pane']);
    await mailbox.row('Boarding pass').waitFor({ state: 'detached' });
  });
});
