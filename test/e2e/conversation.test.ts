import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateItem } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { signedIn } from './support/signed-in.js';
import { ADA, DEMO, ews, serverItems, startTern, type TernServer } from './support/tern-server.js';

/** Ada writes to Demo from another mail program, naming only the message she answers, if any. */
async function adaWrites(server: TernServer, subject: string, answered?: string): Promise<void> {
  await ews(
    server,
    CreateItem,
    {
      messageDisposition: 'SendAndSaveCopy',
      savedItemFolderId: { distinguished: 'sentitems' },
      items: [
        {
          kind: 'Message',
          subject,
          body: { bodyType: 'Text', value: `Ada on ${subject}` },
          toRecipients: [{ name: 'Demo', emailAddress: DEMO.user }],
          ...(answered && { inReplyTo: answered, references: answered }),
        },
      ],
    },
    ADA.user,
  );
}

/** The Message-ID of the message with this subject in Ada's Inbox. */
async function messageIdInAdasInbox(server: TernServer, subject: string): Promise<string> {
  const item = (await serverItems(server, 'inbox', ADA.user)).find((i) => i.subject === subject);
  if (!item?.internetMessageId) throw new Error(`No “${subject}” in Ada's Inbox`);
  return item.internetMessageId;
}

describe('a conversation', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 30 });
    await adaWrites(server, 'Engine plans');
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server, { settings: { undoSendSeconds: 0 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the open message among its replies wherever they are filed, a reply written offline as waiting, and opens each, n and p too', async () => {
    const { page, reader } = mailbox;
    const thread = reader.locator('section.thread');
    // Each row as the reader shows it: who (unread or not), where when not here, and whether it is the open one.
    const rows = async () =>
      (await thread.locator('li.thread-part').all()).map(async (li) => {
        const who = (await li.locator('.thread-who').innerText()).replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ');
        const where = (await li.locator('.thread-where').count()) ? await li.locator('.thread-where').innerText() : '';
        return `${who}|${where}${(await li.getAttribute('aria-current')) ? '|open' : ''}`;
      });
    const shown = async () => Promise.all(await rows());

    await mailbox.row('Engine plans').click();
    await reader.locator('#reader-subject', { hasText: 'Engine plans' }).waitFor();
    expect(await thread.count()).toBe(0);

    // A reply written on the train shows in the conversation at once, as waiting to be sent.
    await goOffline(browser.context, server);
    await page.keyboard.press('r');
    const composer = new ComposerPage(page);
    await composer.dialog.waitFor();
    await composer.fill({ body: 'Yes, let us build it.' });
    await composer.send();
    await expect.poll(shown).toEqual(['Ada Lovelace||open', 'You|Waiting to be sent']);
    expect(await thread.locator('h3').innerText()).toBe('2 messages in this conversation');

    // Sent, it is the copy in Sent Items; Ada's answer to it, which names only that reply, joins them.
    await goOnline(browser.context, server);
    await mailbox.drained();
    await expect.poll(shown, { timeout: 30_000 }).toEqual(['Ada Lovelace||open', 'Demo User|Sent']);
    await adaWrites(server, 'Re: Re: Engine plans', await messageIdInAdasInbox(server, 'Re: Engine plans'));
    const before = await mailbox.lastSynced();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await mailbox.waitForPass(before);
    await expect.poll(shown).toEqual(['Ada Lovelace||open', 'Demo User|Sent', 'Unread: Ada Lovelace|']);

    // The reply opens in Sent Items, with the focus on it, and the Inbox's messages say where they are.
    await thread.getByRole('link', { name: /Demo User/ }).click();
    await reader.locator('#reader-subject', { hasText: 'Re: Engine plans' }).waitFor();
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/mail\/[^/]+\/[^/]+$/);
    await expect.poll(() => page.locator('.list-header h2').innerText()).toBe('Sent');
    await expect.poll(shown).toEqual(['Ada Lovelace|Inbox', 'Demo User||open', 'Unread: Ada Lovelace|Inbox']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reader-subject');

    // n and p, as in Gmail, go to the newer and the older message of the conversation (each
    // pressed once the reader shows where the last one went).
    const subject = () => reader.locator('#reader-subject').innerText();
    // Whether a message opened for a moment was marked read depends on how long the moment was.
    const places = async () => (await shown()).map((row) => row.replace(/^Unread: /, ''));
    await page.keyboard.press('n');
    await expect.poll(subject).toBe('Re: Re: Engine plans');
    await expect.poll(places).toEqual(['Ada Lovelace|', 'Demo User|Sent', 'Ada Lovelace||open']);
    await page.keyboard.press('p');
    await expect.poll(subject).toBe('Re: Engine plans');
    await expect.poll(places).toEqual(['Ada Lovelace|Inbox', 'Demo User||open', 'Ada Lovelace|Inbox']);
    await page.keyboard.press('p');
    await expect.poll(subject).toBe('Engine plans');
    await expect.poll(places).toEqual(['Ada Lovelace||open', 'Demo User|Sent', 'Ada Lovelace|']);
    // Nothing older: p stays.
    await page.keyboard.press('p');
    expect(await subject()).toBe('Engine plans');
  });
});
