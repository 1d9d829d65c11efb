import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodyRow } from '../../src/db/index.js';
import { CreateItem, GetItem } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { putRow, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { ADA, DEMO, ews, filesOf, idsIn, startTern, type TernServer } from './support/tern-server.js';

let server: TernServer;
let browser: Browser;
let mailbox: MailboxPage;

/** The server's copy of a draft: its words and its Bcc. */
async function serverDraft(id: string, user: string = DEMO.user): Promise<{ text: string; bcc: string[] }> {
  const [got] = await ews(
    server,
    GetItem,
    {
      itemShape: {
        baseShape: 'IdOnly',
        bodyType: 'Text',
        additionalProperties: [{ fieldURI: 'item:Body' }, { fieldURI: 'message:BccRecipients' }],
      },
      itemIds: [{ id }],
    },
    user,
  );
  const item = got?.items?.[0];
  return { text: item?.body?.value ?? '', bcc: (item?.bccRecipients ?? []).map((m) => m.emailAddress ?? '') };
}

const settled = () => mailbox.drained();

/** Opens the draft from the Drafts folder and its composer (the reader's Edit draft). */
async function editFromDrafts(subject: string): Promise<ComposerPage> {
  await mailbox.openFolder('drafts');
  await mailbox.row(subject).click();
  await mailbox.reader.getByRole('button', { name: 'Edit draft' }).click();
  const composer = new ComposerPage(mailbox.page);
  await composer.dialog.waitFor();
  return composer;
}

const textFile = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

/** Writes a new message to Ada with `files`, saves it to Drafts, and returns its id on the server. */
async function savedWithFiles(subject: string, body: string, files: ReturnType<typeof textFile>[]): Promise<string> {
  const composer = await ComposerPage.open(mailbox.page);
  await composer.fill({ to: `Ada <${ADA.user}>`, subject, body });
  await composer.dialog.locator('input[type="file"]').setInputFiles(files);
  await composer.dialog.locator('.attachment-chip', { hasText: files[files.length - 1]!.name }).waitFor();
  await composer.dialog.getByRole('button', { name: 'Save to Drafts' }).click();
  await composer.dialog.waitFor({ state: 'detached' });
  await settled();
  await expect.poll(() => idsIn(server, 'drafts', subject)).toHaveLength(1);
  return (await idsIn(server, 'drafts', subject))[0]!;
}

/** The names of the files the composer lists. */
const chips = (c: ComposerPage) => c.dialog.locator('.attachment-chip .chip-name').allInnerTexts();

/** The id of the draft made again in place of `first`, once the server holds it and only it. */
async function remadeDraft(subject: string, first: string | undefined): Promise<string> {
  await expect.poll(async () => (await idsIn(server, 'drafts', subject)).filter((id) => id !== first)).toHaveLength(1);
  return (await idsIn(server, 'drafts', subject))[0]!;
}

describe('drafts', () => {
  beforeAll(async () => {
    server = await startTern({ seedMessages: 30 });
    browser = await launchBrowser();
    // Sends go at once here: these tests are about what is sent (recipients.test.ts is about Undo).
    mailbox = await signedIn(browser, server, { settings: { undoSendSeconds: 0 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('saves to Drafts on the server, opens the draft again with its Bcc, rewrites it in place, then sends it once', async () => {
    const subject = `Plan for Monday ${Date.now()}`;
    const composer = await ComposerPage.open(mailbox.page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'First words.' });
    await composer.dialog.getByRole('button', { name: 'Cc/Bcc' }).click();
    await composer.dialog.locator('input[name="bcc"]').fill('boss@example.org');
    await composer.dialog.getByRole('button', { name: 'Save to Drafts' }).click();
    await composer.dialog.waitFor({ state: 'detached' });
    await settled();
    await expect.poll(() => idsIn(server, 'drafts', subject)).toHaveLength(1);
    const [id] = await idsIn(server, 'drafts', subject);
    expect(await serverDraft(id!)).toEqual({ text: 'First words.', bcc: ['boss@example.org'] });

    // Opened again: every field as saved, under the draft's own title.
    let editor = await editFromDrafts(subject);
    expect(await editor.dialog.locator('h2').innerText()).toBe('Edit draft');
    expect(await editor.dialog.locator('input[name="subject"]').inputValue()).toBe(subject);
    expect(await editor.dialog.locator('input[name="bcc"]').inputValue()).toBe('boss@example.org');
    expect(await editor.dialog.locator('textarea[name="body"]').inputValue()).toBe('First words.');
    await editor.fill({ body: 'Second words.' });
    await editor.dialog.locator('textarea[name="body"]').press('Control+s');
    await editor.dialog.waitFor({ state: 'detached' });
    await settled();
    // The same draft, rewritten: not a second one.
    await expect.poll(async () => (await serverDraft(id!)).text).toBe('Second words.');
    expect(await idsIn(server, 'drafts', subject)).toEqual([id]);

    editor = await editFromDrafts(subject);
    await expect.poll(() => editor.dialog.locator('textarea[name="body"]').inputValue()).toBe('Second words.');
    await editor.send();
    await settled();
    await expect.poll(() => idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
    const [received] = await idsIn(server, 'inbox', subject, ADA.user);
    // Bcc is the sender's secret: the copy Ada gets does not carry it.
    expect(await serverDraft(received!, ADA.user)).toEqual({ text: 'Second words.', bcc: [] });
    expect(await idsIn(server, 'drafts', subject)).toEqual([]);
    expect(await idsIn(server, 'sentitems', subject)).toHaveLength(1);
  });

  it('changes the files of a draft on the server: it is made again with them, and Ada gets exactly those', async () => {
    const subject = `Files to rework ${Date.now()}`;
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const first = await savedWithFiles(subject, 'Two files.', [
      textFile('keep.txt', 'kept'),
      textFile('drop.txt', 'x'),
    ]);

    // Opened again, it lists the files the server holds; one goes, another comes.
    const editor = await editFromDrafts(subject);
    // Behind it, the reader names no "unknown sender": a draft is the user's own.
    expect(await mailbox.reader.locator('.from').count()).toBe(0);
    await expect.poll(() => chips(editor)).toEqual(['keep.txt', 'drop.txt']);
    await editor.dialog.getByRole('button', { name: 'Remove drop.txt' }).click();
    await editor.dialog.locator('input[type="file"]').setInputFiles([textFile('new.txt', 'added')]);
    await editor.dialog.locator('.attachment-chip', { hasText: 'new.txt' }).waitFor();
    await editor.fill({ body: 'Reworked.' });
    await editor.dialog.locator('textarea[name="body"]').press('Control+s');
    await editor.dialog.waitFor({ state: 'detached' });
    await settled();

    // One draft on the server, a new one, with the kept file and the new one.
    const second = await remadeDraft(subject, first);
    expect(await filesOf(server, DEMO.user, second)).toEqual(
      new Map([
        ['keep.txt', b64('kept')],
        ['new.txt', b64('added')],
      ]),
    );
    expect((await serverDraft(second)).text).toBe('Reworked.');

    const again = await editFromDrafts(subject);
    await expect.poll(() => chips(again)).toEqual(['keep.txt', 'new.txt']);
    await again.send();
    await settled();
    await expect.poll(() => idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
    const [received] = await idsIn(server, 'inbox', subject, ADA.user);
    expect([...(await filesOf(server, ADA.user, received!)).keys()].sort()).toEqual(['keep.txt', 'new.txt']);
    expect(await idsIn(server, 'drafts', subject)).toEqual([]);
  });

  it('keeps as a file the picture of a draft written elsewhere when its files change', async () => {
    const subject = `Pictured ${Date.now()}`;
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    // A 1×1 PNG, shown inside the draft's HTML by its Content-ID, as Outlook pastes a picture.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC';
    await ews(server, CreateItem, {
      messageDisposition: 'SaveOnly',
      savedItemFolderId: { distinguished: 'drafts' },
      items: [
        {
          kind: 'Message',
          subject,
          body: { bodyType: 'HTML', value: '<p>Our logo: <img src="cid:logo@tern.test" alt="logo"></p>' },
          attachments: [
            {
              kind: 'FileAttachment',
              name: 'logo.png',
              contentType: 'image/png',
              contentId: 'logo@tern.test',
              isInline: true,
              content: png,
            },
            { kind: 'FileAttachment', name: 'notes.txt', contentType: 'text/plain', content: b64('notes') },
          ],
        },
      ],
    });
    const before = await mailbox.lastSynced();
    await mailbox.page.getByRole('button', { name: 'Sync now' }).click();
    await mailbox.waitForPass(before);
    const [first] = await idsIn(server, 'drafts', subject);
    const listed = () => mailbox.reader.locator('.attachments .att-name').allInnerTexts();

    // The reader shows the picture in the text, so it lists only the other file; the composer, which
    // keeps the words as text, lists both, so that nothing is lost when the draft is made again.
    const editor = await editFromDrafts(subject);
    await expect.poll(listed).toEqual(['notes.txt']);
    await expect.poll(() => chips(editor)).toEqual(['logo.png', 'notes.txt']);
    await editor.dialog.locator('.form-note', { hasText: 'pictures stay as attachments' }).waitFor();
    await editor.dialog.getByRole('button', { name: 'Remove notes.txt' }).click();
    await editor.dialog.locator('textarea[name="body"]').press('Control+s');
    await editor.dialog.waitFor({ state: 'detached' });
    await settled();

    const second = await remadeDraft(subject, first);
    expect(await filesOf(server, DEMO.user, second)).toEqual(new Map([['logo.png', png]]));
    // Its words are text now, which shows no picture: the reader lists it as a file.
    await mailbox.row(subject).click();
    await expect.poll(listed).toEqual(['logo.png']);
  });

  it('fetches again a draft whose body here lists none of its files, so they can change; offline it keeps them', async () => {
    const subject = `Files not listed ${Date.now()}`;
    const id = await savedWithFiles(subject, 'One file.', [textFile('keep.txt', 'kept')]);
    await expect.poll(async () => (await readAll<BodyRow>(mailbox.page, 'bodies')).some((b) => b.id === id)).toBe(true);

    // As if the fetch after the save had not happened: the body written here, without the file.
    await goOffline(browser.context, server);
    const body = (await readAll<BodyRow>(mailbox.page, 'bodies')).find((b) => b.id === id)!;
    await putRow(mailbox.page, 'bodies', { ...body, attachments: [] });
    const offline = await editFromDrafts(subject);
    await offline.dialog.locator('.form-note', { hasText: 'not on this device yet' }).waitFor();
    expect(await offline.dialog.getByRole('button', { name: 'Attach' }).count()).toBe(0);
    await offline.dialog.locator('textarea[name="body"]').press('Escape');
    await offline.dialog.waitFor({ state: 'detached' });

    // Online, the open draft's body comes again with its file, and the files can change.
    await goOnline(browser.context, server);
    await mailbox.reader.locator('.attachments .att-name', { hasText: 'keep.txt' }).waitFor({ timeout: 30_000 });
    await mailbox.reader.getByRole('button', { name: 'Edit draft' }).click();
    const editor = new ComposerPage(mailbox.page);
    await editor.dialog.locator('.attachment-chip', { hasText: 'keep.txt' }).waitFor();
    await editor.dialog.getByRole('button', { name: 'Attach' }).waitFor();
    await editor.dialog.locator('textarea[name="body"]').press('Escape');
    await editor.dialog.waitFor({ state: 'detached' });
  });

  it('opens a formatted draft with its marks, and says when the draft has formatting it cannot keep', async () => {
    const subject = `Formatted ${Date.now()}`;
    const typed = 'Hello **Ada**,\n- _first_\n- second';
    const composer = await ComposerPage.open(mailbox.page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: typed });
    await composer.dialog.getByRole('button', { name: 'Save to Drafts' }).click();
    await composer.dialog.waitFor({ state: 'detached' });
    await settled();
    await expect.poll(() => idsIn(server, 'drafts', subject)).toHaveLength(1);
    const editor = await editFromDrafts(subject);
    await expect.poll(() => editor.dialog.locator('textarea[name="body"]').inputValue()).toBe(typed);
    expect(await editor.dialog.locator('.form-note', { hasText: 'cannot edit' }).count()).toBe(0);
    await editor.dialog.locator('textarea[name="body"]').press('Escape');
    await editor.dialog.waitFor({ state: 'detached' });

    // A draft another program wrote in Calibri: its words come, and the composer says what stays behind.
    const outlook = `Outlook ${Date.now()}`;
    await ews(server, CreateItem, {
      messageDisposition: 'SaveOnly',
      savedItemFolderId: { distinguished: 'drafts' },
      items: [
        {
          kind: 'Message',
          subject: outlook,
          body: { bodyType: 'HTML', value: '<p style="font-family:Calibri">Dear <b>Ada</b></p>' },
        },
      ],
    });
    const before = await mailbox.lastSynced();
    await mailbox.page.getByRole('button', { name: 'Sync now' }).click();
    await mailbox.waitForPass(before);
    const other = await editFromDrafts(outlook);
    await expect.poll(() => other.dialog.locator('textarea[name="body"]').inputValue()).toBe('Dear **Ada**');
    await other.dialog.locator('.form-note', { hasText: 'cannot edit' }).waitFor();
    await other.dialog.locator('textarea[name="body"]').press('Escape');
    await other.dialog.waitFor({ state: 'detached' });
  });

  it('formats with the keyboard (Ctrl+B, Ctrl+K, Ctrl+Shift+8) and Ada gets the bold word, the link under its words and the list', async () => {
    const subject = `Keyboard marks ${Date.now()}`;
    const composer = await ComposerPage.open(mailbox.page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject });
    const body = composer.dialog.locator('textarea[name="body"]');
    // Tab goes from the subject to the text, not through the format buttons first.
    await composer.dialog.locator('input[name="subject"]').press('Tab');
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(true);
    await body.press('Control+b');
    await body.pressSequentially('Plan');
    await body.press('End');
    await body.pressSequentially(' in the ');
    await body.press('Control+k');
    // The link's address is selected: typing replaces it.
    await body.pressSequentially('https://tern.test/plan');
    await expect.poll(() => body.inputValue()).toBe('**Plan** in the [text](https://tern.test/plan)');
    await body.press('End');
    await body.press('Enter');
    await body.pressSequentially('Agenda');
    await body.press('Control+Shift+8');
    await body.pressSequentially(' first');
    await expect.poll(() => body.inputValue()).toBe('**Plan** in the [text](https://tern.test/plan)\n- Agenda first');
    await body.fill('**Plan** in the [shared folder](https://tern.test/plan)\n- Agenda first');
    await composer.send();
    await settled();
    await expect.poll(() => idsIn(server, 'inbox', subject, ADA.user)).toHaveLength(1);
    const [id] = await idsIn(server, 'inbox', subject, ADA.user);
    const [got] = await ews(
      server,
      GetItem,
      {
        itemShape: { baseShape: 'IdOnly', bodyType: 'HTML', additionalProperties: [{ fieldURI: 'item:Body' }] },
        itemIds: [{ id: id! }],
      },
      ADA.user,
    );
    const html = got!.items![0]!.body!.value;
    expect(html).toContain('<strong>Plan</strong>');
    expect(html).toContain('<a href="https://tern.test/plan">shared folder</a>');
    expect(html).toMatch(/<ul>\s*<li>Agenda first<\/li>\s*<\/ul>/);
  });

  it('stores the last words at once when the tab is hidden (closed, switched away, or discarded next)', async () => {
    const { page } = mailbox;
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: ADA.user, subject: 'Hidden at once', body: 'Words typed just before' });
    // The last key and the tab going in the same instant, before the app has drawn the key.
    await page.evaluate(() => {
      const body = document.querySelector<HTMLTextAreaElement>('dialog.composer textarea[name="body"]')!;
      body.value += ' the tab went.';
      body.dispatchEvent(new Event('input', { bubbles: true }));
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // Read at once: well within the autosave's pause after typing.
    const drafts = (await readAll<{ key: string; value: { subject: string; body: string } }>(page, 'meta')).filter(
      (r) => r.key.startsWith('draft:') && r.value.subject === 'Hidden at once',
    );
    await page.evaluate(() => {
      delete (document as { visibilityState?: unknown }).visibilityState;
    });
    expect(drafts.map((d) => d.value.body)).toEqual(['Words typed just before the tab went.']);
    await composer.dialog.getByRole('button', { name: 'Close' }).click();
    await composer.dialog.waitFor({ state: 'detached' });
  });

  it('says when this device cannot keep the draft, stays open on Close, and saves once it can', async () => {
    const { page } = mailbox;
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: ADA.user, subject: 'Kept through a full disk', body: 'First words.' });
    await composer.dialog.locator('input[type="file"]').setInputFiles([textFile('agenda.txt', 'Agenda')]);
    const chip = composer.dialog.locator('.attachment-chip', { hasText: 'agenda.txt' });
    await chip.waitFor();
    const savedAt = composer.dialog.locator('.saved-at', { hasText: 'Draft saved' });
    await savedAt.waitFor();
    // The disk fills: every write of the page's store fails as Chromium fails it.
    await page.evaluate(() => {
      const w = window as unknown as { full: boolean; refused: number };
      const put = IDBObjectStore.prototype.put;
      w.full = true;
      w.refused = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if (w.full && this.name === 'meta') {
          w.refused++;
          throw new DOMException('The disk is full.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    const refused = () => page.evaluate(() => (window as unknown as { refused: number }).refused);
    await composer.fill({ body: 'First words. Then the ones that matter.' });
    const alert = composer.dialog.getByRole('alert');
    await alert.filter({ hasText: 'no room left' }).waitFor();
    await expect(savedAt.count()).resolves.toBe(0);
    // A file removed is removed only once the draft that names it is stored.
    await composer.dialog.getByRole('button', { name: 'Remove agenda.txt' }).click();
    await alert.filter({ hasText: 'could not be removed' }).waitFor();
    expect(await chip.count()).toBe(1);
    const before = await refused();
    await composer.dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(refused).toBeGreaterThan(before);
    // Closing would have lost the words: the window stays.
    expect(await composer.dialog.isVisible()).toBe(true);

    await page.evaluate(() => ((window as unknown as { full: boolean }).full = false));
    await composer.dialog.getByRole('button', { name: 'Close' }).click();
    await composer.dialog.waitFor({ state: 'detached' });
    const drafts = (
      await readAll<{ key: string; value: { subject: string; body: string; attachments?: { name: string }[] } }>(
        page,
        'meta',
      )
    ).filter((r) => r.key.startsWith('draft:') && r.value.subject === 'Kept through a full disk');
    expect(drafts.map((d) => d.value.body)).toEqual(['First words. Then the ones that matter.']);
    expect(drafts.map((d) => d.value.attachments?.map((a) => a.name))).toEqual([['agenda.txt']]);
  });
});
