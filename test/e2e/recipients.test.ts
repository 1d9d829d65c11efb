import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { readAll } from './pages/store.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { GetItem } from '../../src/ews/index.js';
import { ADA, DEMO, ews, idsIn, startTern, type TernServer } from './support/tern-server.js';

describe('writing to someone', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 30 });
    await deliver(server, {
      to: DEMO.user,
      from: `Ada Lovelace <${ADA.user}>`,
      subject: 'Notes on the engine',
      text: 'G',
    });
    await deliver(server, {
      to: DEMO.user,
      from: 'Grace Hopper <grace@example.org>',
      replyTo: 'Compiler list <compilers@lists.example>',
      subject: 'Minutes of the compiler meeting',
      text: 'Replies go to the list.',
    });
    await deliver(server, {
      to: DEMO.user,
      from: 'Quokka Store <no-reply@quokka.example>',
      subject: 'Your order',
      text: 'Sent',
    });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('suggests people from the mail on this device as their name is typed, offline too, and Enter never sends', async () => {
    const { page } = mailbox;
    await goOffline(browser.context, server);
    const composer = await ComposerPage.open(page);
    const to = composer.dialog.getByRole('combobox', { name: 'To' });
    const list = composer.dialog.getByRole('listbox', { name: 'Suggestions' });
    // A subject first, so that an Enter that sent would send.
    const subject = `Suggested ${Date.now()}`;
    await composer.dialog.locator('input[name="subject"]').fill(subject);
    await to.focus();

    // What the list offers once the page has drawn what was typed (the bidi isolates around names aside).
    const offered = async () => {
      await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(drawn)));
      return (await list.getByRole('option').allTextContents()).map((o) => o.replace(/[\u2068\u2069]/g, ''));
    };

    await to.pressSequentially('love');
    await expect.poll(offered).toEqual([`Ada Lovelace${ADA.user}`]);
    expect(await to.getAttribute('aria-expanded')).toBe('true');
    await to.press('Enter');
    await expect.poll(() => to.inputValue()).toBe(`Ada Lovelace <${ADA.user}>, `);
    expect(await offered()).toEqual([]);
    expect(await composer.dialog.isVisible()).toBe(true);

    // Nobody already in the field, nor an address that takes no answers.
    await to.pressSequentially('ada');
    expect(await offered()).toEqual([]);
    await to.fill(`Ada Lovelace <${ADA.user}>, quokka`);
    expect(await offered()).toEqual([]);

    // The arrows choose; Esc puts the list away and leaves the composer open.
    await to.fill(`Ada Lovelace <${ADA.user}>, `);
    await to.pressSequentially('gr');
    await expect.poll(offered).toEqual(['Grace Hoppergrace@example.org']);
    await to.press('ArrowDown');
    expect(await to.getAttribute('aria-activedescendant')).toBe('to-suggestions-0');
    await to.press('Escape');
    expect(await offered()).toEqual([]);
    expect(await composer.dialog.isVisible()).toBe(true);
    await to.press('ArrowDown');
    await expect.poll(offered).toEqual(['Grace Hoppergrace@example.org']);
    await to.press('Tab');
    await expect.poll(() => to.inputValue()).toBe(`Ada Lovelace <${ADA.user}>, Grace Hopper <grace@example.org>, `);

    // Enter with every address whole and the list away sends nothing (it used to send at once);
    // in the subject it goes on to the text.
    await to.press('Enter');
    await composer.dialog.locator('input[name="subject"]').press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).toBe('body');
    await page.keyboard.type('Written to whom the list said.');
    await composer.send();

    await goOnline(browser.context, server);
    await mailbox.drained();
    expect(await idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
  });

  it('replies where the sender asked replies to go, and to all with the list in place of the sender', async () => {
    const { page } = mailbox;
    await mailbox.row('Minutes of the compiler meeting').click();
    await mailbox.reader.locator('#reader-subject', { hasText: 'Minutes of the compiler meeting' }).waitFor();
    // The reader says where a reply will go before one is written.
    const lines = await mailbox.reader.locator('.reader-header .address-line').allInnerTexts();
    expect(lines.map((l) => l.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' '))).toContain(
      'Reply to Compiler list <compilers@lists.example>',
    );
    for (const key of ['r', 'a']) {
      await page.keyboard.press(key);
      const composer = new ComposerPage(page);
      await composer.dialog.waitFor();
      await expect
        .poll(() => composer.dialog.locator('input[name="to"]').inputValue())
        .toBe('Compiler list <compilers@lists.example>');
      await composer.dialog.getByRole('button', { name: 'Close' }).click();
      await composer.dialog.waitFor({ state: 'detached' });
    }
  });

  it('takes a sent message back with Undo, into the composer with its words; sent again, it goes once', async () => {
    const { page } = mailbox;
    const subject = `Taken back ${Date.now()}`;
    let composer = await ComposerPage.open(page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'Second thoughts.' });
    await composer.send();
    const toast = page.locator('.toast', { hasText: 'Sending…' });
    await toast.getByRole('button', { name: 'Undo' }).click();

    composer = new ComposerPage(page);
    await composer.dialog.waitFor();
    expect(await composer.dialog.locator('input[name="subject"]').inputValue()).toBe(subject);
    expect(await composer.dialog.locator('textarea[name="body"]').inputValue()).toBe('Second thoughts.');
    // The send is out of the outbox (a message opened earlier may still be marking itself read).
    const sends = async () =>
      (await readAll<{ op: { kind: string } }>(page, 'outbox')).filter((e) => e.op.kind === 'send');
    expect(await sends()).toEqual([]);

    // Sent again and left alone, it goes when its Undo runs out: once, the first never.
    await composer.send();
    await toast.waitFor();
    await mailbox.drained();
    expect(await idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
  });

  it('signs new messages, and replies above the quote unless told not to, with the signature set in Settings', async () => {
    const { page } = mailbox;
    const settings = async (change: () => Promise<void>) => {
      await page.locator('.menu-button').click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await change();
      await page.getByRole('button', { name: 'OK' }).click();
    };
    await settings(async () => {
      await page.locator('textarea[name="signature"]').fill('Demo User\nTern demo team');
      await page.locator('select[name="undoSend"]').selectOption('0');
    });

    // Written from the top: Tab from the subject lands above the signature.
    const subject = `Signed ${Date.now()}`;
    const composer = await ComposerPage.open(page);
    const body = composer.dialog.locator('textarea[name="body"]');
    expect(await body.inputValue()).toBe('\n\n-- \nDemo User\nTern demo team');
    await composer.fill({ to: `Ada <${ADA.user}>`, subject });
    await composer.dialog.locator('input[name="subject"]').press('Tab');
    await page.keyboard.type('Here are the figures.');
    await composer.send();
    await mailbox.drained();
    const [id] = await idsIn(server, 'inbox', subject, ADA.user);
    const [got] = await ews(
      server,
      GetItem,
      {
        itemShape: { baseShape: 'IdOnly', bodyType: 'Text', additionalProperties: [{ fieldURI: 'item:Body' }] },
        itemIds: [{ id: id! }],
      },
      ADA.user,
    );
    expect(got?.items?.[0]?.body?.value).toMatch(/^Here are the figures\.\s+-- \s*Demo User\s+Tern demo team\s*$/);

    // A reply has it above the quoted message; once told not to, it has none.
    const replyBody = async () => {
      await mailbox.row('Notes on the engine').click();
      await mailbox.reader.locator('#reader-subject', { hasText: 'Notes on the engine' }).waitFor();
      await page.keyboard.press('r');
      const reply = new ComposerPage(page);
      await reply.dialog.waitFor();
      const text = await reply.dialog.locator('textarea[name="body"]').inputValue();
      await reply.dialog.getByRole('button', { name: 'Close' }).click();
      await reply.dialog.waitFor({ state: 'detached' });
      return text;
    };
    expect(await replyBody()).toMatch(/^\n\n-- \nDemo User\nTern demo team\n\nOn .* Ada Lovelace wrote:\n> G/);
    await settings(() => page.locator('input[name="signatureReplies"]').uncheck());
    expect(await replyBody()).toMatch(/^\n\nOn .* Ada Lovelace wrote:\n> G/);
  });
});
