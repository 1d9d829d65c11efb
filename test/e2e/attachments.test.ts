import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindItem, GetAttachment, GetFolder, GetItem } from '../../src/ews/index.js';
import { mimeMessage } from '../../src/server/testing/seed-attachments.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline, reloadOffline } from './pages/network.js';
import { readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { ADA, DEMO, ews, filesOf, idsIn, startTern, type TernServer } from './support/tern-server.js';

let server: TernServer;
let browser: Browser;
let mailbox: MailboxPage;

/** Waits until the outbox is empty and the message reached Ada once; its files, by name. */
async function receivedByAda(subject: string): Promise<Map<string, string>> {
  await mailbox.drained();
  await expect.poll(() => idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
  const [id] = await idsIn(server, 'inbox', subject, ADA.user);
  return filesOf(server, ADA.user, id!);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('attachments in the composer', () => {
  beforeAll(async () => {
    server = await startTern({ seedMessages: 60 });
    browser = await launchBrowser();
    // Sends go at once here: these tests are about what is sent (recipients.test.ts is about Undo).
    mailbox = await signedIn(browser, server, { settings: { undoSendSeconds: 0 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('attaches a file offline, keeps it across a reload, and Ada receives the same bytes', async () => {
    const { page } = mailbox;
    await goOffline(browser.context, server);

    const subject = `Slides from the train ${Date.now()}`;
    // Every byte value, and a length that is not a multiple of 3.
    const bytes = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 31 + 7) & 0xff);
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'The slides are attached.' });
    await composer.dialog
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'slides.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) }]);
    const chip = composer.dialog.locator('.attachment-chip', { hasText: 'slides.bin' });
    await chip.waitFor();
    expect(await chip.locator('.chip-size').innerText()).toBe('68 KB');
    await composer.dialog.getByRole('button', { name: 'Remove slides.bin' }).waitFor();

    // Dropped onto the composer, then removed again with the keyboard.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      return dt;
    });
    await composer.dialog.locator('form').dispatchEvent('dragover', { dataTransfer });
    await composer.dialog.locator('form').dispatchEvent('drop', { dataTransfer });
    await composer.dialog.locator('.attachment-chip', { hasText: 'dropped.txt' }).waitFor();
    await composer.dialog.getByRole('button', { name: 'Remove dropped.txt' }).focus();
    await page.keyboard.press('Enter');
    await composer.dialog.locator('.attachment-chip', { hasText: 'dropped.txt' }).waitFor({ state: 'detached' });

    // More than the limit is refused at once, naming the file and the limit.
    await composer.dialog
      .locator('input[type="file"]')
      .setInputFiles([
        { name: 'huge.iso', mimeType: 'application/octet-stream', buffer: Buffer.alloc(25 * 1024 * 1024) },
      ]);
    const error = composer.dialog.locator('.form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/“huge\.iso”.*25 MB/);
    expect(await composer.dialog.locator('.attachment-chip').count()).toBe(1);
    // Only the attached file's bytes are kept: the removed one went, the refused one never came.
    const storedFiles = async () => (await readAll(page, 'files')).length;
    await expect.poll(storedFiles).toBe(1);
    // The autosave of the typed fields (a moment after the last key).
    await page.locator('dialog.composer .saved-at', { hasText: 'Draft saved' }).waitFor();

    await reloadOffline(browser.context, page);
    await page.locator('.local-drafts button', { hasText: subject }).click();
    const resumed = new ComposerPage(page);
    await resumed.dialog.locator('.attachment-chip', { hasText: 'slides.bin' }).waitFor();
    expect(await resumed.dialog.locator('.attachment-chip').allInnerTexts()).toHaveLength(1);
    await resumed.send();
    await expect.poll(() => mailbox.outboxCount.getAttribute('data-count')).toBe('1');

    await goOnline(browser.context, server);
    expect(await receivedByAda(subject)).toEqual(new Map([['slides.bin', b64(bytes)]]));
    // Sent: nothing refers to the local copy any more, and it is gone.
    await expect.poll(storedFiles).toBe(0);
    const [sent] = await idsIn(server, 'sentitems', subject, DEMO.user);
    expect(await filesOf(server, DEMO.user, sent!)).toEqual(new Map([['slides.bin', b64(bytes)]]));
  });

  it('forwards a seeded message with its attachments, and the sent copy has them', async () => {
    const [inbox] = await ews(
      server,
      GetFolder,
      { folderShape: { baseShape: 'IdOnly' }, folderIds: [{ distinguished: 'inbox' }] },
      DEMO.user,
    );
    const [found] = await ews(
      server,
      FindItem,
      {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:HasAttachments' }] },
        parentFolderIds: [{ distinguished: 'inbox' }],
      },
      DEMO.user,
    );
    let source: { id: string; files: Map<string, string> } | undefined;
    for (const item of found?.rootFolder?.items ?? []) {
      if (!item.hasAttachments) continue;
      const files = await filesOf(server, DEMO.user, item.itemId!.id);
      if (files.size) {
        source = { id: item.itemId!.id, files };
        break;
      }
    }
    expect(source, 'a seeded message with a file attachment').toBeDefined();

    const { page } = mailbox;
    const folderId = inbox!.folders![0]!.folderId!.id;
    await page.goto(`${server.url}/#/mail/${encodeURIComponent(folderId)}/${encodeURIComponent(source!.id)}`);
    await mailbox.reader.locator('.attachments .att-name').first().waitFor();
    await mailbox.reader.getByRole('button', { name: /^Forward/ }).click();
    const composer = new ComposerPage(page);
    await composer.dialog.waitFor();
    for (const name of source!.files.keys())
      await composer.dialog.locator('.attachment-chip .chip-name', { hasText: name }).first().waitFor();
    expect(await composer.dialog.locator('.attachment-chip').count()).toBe(source!.files.size);

    const subject = `Forwarded with files ${Date.now()}`;
    await composer.fill({ to: `Ada <${ADA.user}>`, subject });
    await composer.send();
    expect(await receivedByAda(subject)).toEqual(source!.files);
    const [sent] = await idsIn(server, 'sentitems', subject, DEMO.user);
    expect(await filesOf(server, DEMO.user, sent!)).toEqual(source!.files);
  });

  it('shows an attached email as an .eml file, downloads it and forwards it', async () => {
    const inner = mimeMessage({
      from: 'Bob <bob@example.org>',
      to: `<${ADA.user}>`,
      subject: 'Plan B',
      text: 'Just in case.',
    });
    const subject = `An email attached ${Date.now()}`;
    await server.mailbox.deliver(
      mimeMessage({
        from: `Ada <${ADA.user}>`,
        to: `<${DEMO.user}>`,
        subject,
        text: 'Have a look.',
        files: [{ name: 'forwarded.eml', type: 'message/rfc822', bytes: new TextEncoder().encode(inner) }],
      }),
      [DEMO.user],
      ADA.user,
    );
    const { page } = mailbox;
    const before = await mailbox.lastSynced();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await mailbox.waitForPass(before);
    await mailbox.openFolder('inbox');
    await mailbox.row(subject).click();
    const row = mailbox.reader.locator('.attachments li', { hasText: 'Plan B.eml' });
    await expect.poll(() => row.innerText()).toContain('Email');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('a', { hasText: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Plan B.eml');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(inner);

    // Opened in place: its header and text, as the reader shows mail.
    await row.getByRole('button', { name: 'Open' }).click();
    const opened = page.locator('dialog.attached-email[open]');
    await opened.locator('#dialog-title', { hasText: 'Plan B' }).waitFor();
    await expect
      .poll(() => opened.locator('.attached-header').innerText())
      .toContain('\u2068Bob\u2069 <bob@example.org>');
    await expect.poll(() => opened.locator('.plain-body').innerText()).toBe('Just in case.');
    await opened.getByRole('button', { name: 'Close' }).click();
    await opened.waitFor({ state: 'detached' });

    await mailbox.reader.getByRole('button', { name: /^Forward/ }).click();
    const composer = new ComposerPage(page);
    await composer.dialog.locator('.attachment-chip .chip-name', { hasText: 'Plan B.eml' }).waitFor();
    const forward = `Forwarded email ${Date.now()}`;
    await composer.fill({ to: `Ada <${ADA.user}>`, subject: forward });
    await composer.send();
    await mailbox.drained();
    await expect.poll(() => idsIn(server, 'inbox', forward, ADA.user)).toHaveLength(1);
    const [id] = await idsIn(server, 'inbox', forward, ADA.user);
    const [got] = await ews(
      server,
      GetItem,
      {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
        itemIds: [{ id: id! }],
      },
      ADA.user,
    );
    const attached = got!.items![0]!.attachments!;
    expect(attached.map((a) => [a.kind, a.name])).toEqual([['ItemAttachment', 'Plan B']]);
    const [content] = await ews(
      server,
      GetAttachment,
      { attachmentShape: { includeMimeContent: true }, attachmentIds: [attached[0]!.attachmentId!] },
      ADA.user,
    );
    const mime = Buffer.from(content!.attachments![0]!.item!.mimeContent!, 'base64').toString('utf8');
    expect(mime.replace(/\r\n$/, '')).toBe(inner);
  });
});
