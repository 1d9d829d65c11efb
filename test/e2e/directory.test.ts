import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { ADA, startTern, type TernServer } from './support/tern-server.js';

describe('the directory', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    // An empty mailbox: nobody has written or been written to, so only the directory knows Ada.
    server = await startTern({ seedMessages: 0 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers a colleague never written to, asking the server when typing pauses', async () => {
    const { page } = mailbox;
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/people')
        asked.push((JSON.parse(r.postData() ?? '{}') as { query: string }).query);
    });
    const composer = await ComposerPage.open(page);
    const list = composer.dialog.getByRole('listbox', { name: 'Suggestions' });
    const offered = async () =>
      (await list.getByRole('option').allTextContents()).map((o) => o.replace(/[\u2068\u2069]/g, ''));
    const to = composer.dialog.getByRole('combobox', { name: 'To' });
    await to.pressSequentially('lovel');
    await expect.poll(offered).toEqual([`Ada Lovelace${ADA.user}Directory`]);
    // Asked for what was typed when typing paused (once, unless this machine paused between
    // keys: the pause itself is tested with a fake clock), never twice for the same letters.
    expect(asked.at(-1)).toBe('lovel');
    expect(new Set(asked).size).toBe(asked.length);
    await to.press('Enter');
    await expect.poll(() => to.inputValue()).toBe(`Ada Lovelace <${ADA.user}>, `);
  });
});
