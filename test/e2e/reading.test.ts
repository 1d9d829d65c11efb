import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRow } from '../../src/db/entities.js';
import { decodeResponse, encodeRequest, FindItem, GetAttachment, GetItem, UpdateItem } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { deleteRow, inboxMessages, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { addFaults, clearFaults, DEMO, ews, startTern, type TernServer } from './support/tern-server.js';

interface StoredBody {
  id: string;
  type: string;
  content: string;
  attachments: { contentId?: string; contentType: string }[];
}

async function serverIsRead(server: TernServer, id: string): Promise<boolean | undefined> {
  const soap = encodeRequest(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [{ id }] });
  const message = decodeResponse(GetItem, (await server.mailbox.handle(DEMO.user, soap)).body).messages[0];
  const item = message?.items?.[0];
  return item && 'isRead' in item ? (item.isRead as boolean) : undefined;
}

async function serverInboxSubjects(server: TernServer): Promise<string[]> {
  const soap = encodeRequest(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'Default' },
    view: { kind: 'Indexed', maxEntriesReturned: 1000, offset: 0, basePoint: 'Beginning' },
    parentFolderIds: [{ distinguished: 'inbox' }],
  });
  const message = decodeResponse(FindItem, (await server.mailbox.handle(DEMO.user, soap)).body).messages[0];
  return (message?.rootFolder?.items ?? []).map((i) => i.subject ?? '');
}

describe('reading and sorting mail', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;
  let inbox: MessageRow[];

  beforeAll(async () => {
    server = await startTern({ seedMessages: 300 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
    inbox = await inboxMessages(mailbox.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The bodies of the Inbox's messages stored on the device. */
  const inboxBodies = async () => {
    const ids = new Set(inbox.map((m) => m.id));
    return (await readAll<StoredBody>(mailbox.page, 'bodies')).filter((b) => ids.has(b.id));
  };

  /**
   * Asks for passes ("Sync now") until `seen` answers `expected`: a pass already running when
   * asked may have listed the folder before the server changed.
   */
  const syncUntil = <T>(seen: () => Promise<T>, expected: T) =>
    expect
      .poll(
        async () => {
          const before = await mailbox.lastSynced();
          await mailbox.page.getByRole('button', { name: 'Sync now' }).click();
          await mailbox.waitForPass(before);
          return seen();
        },
        { timeout: 60_000 },
      )
      .toEqual(expected);

  /** Syncs until the Inbox lists `subject` (mail just delivered) at the top of the list. */
  const syncUntilListed = async (subject: string) => {
    await mailbox.page.goto(`${server.url}/#/mail/${encodeURIComponent(inbox[0]!.folderId)}`);
    // The newest rows, where the list (scrolled by the tests before) keeps them.
    await mailbox.page.locator('.list-scroller').evaluate((el) => (el.scrollTop = 0));
    await syncUntil(() => mailbox.row(subject).count(), 1);
  };

  const open = async (m: MessageRow) => {
    await mailbox.page.goto(`${server.url}/#/mail/${encodeURIComponent(m.folderId)}/${encodeURIComponent(m.id)}`);
    await mailbox.reader.locator('#reader-subject').waitFor();
  };

  it('marks a message read a moment after it is opened, and the server learns it', async () => {
    const unread = inbox.find((m) => m.isRead === 0)!;
    expect(await serverIsRead(server, unread.id)).toBe(false);
    await open(unread);
    await expect.poll(() => serverIsRead(server, unread.id), { timeout: 30_000 }).toBe(true);
  });

  it('shows the categories Outlook gave a message, in the list and the reader, once a pass brings them', async () => {
    const m = inbox.find((x) => !x.categories?.length)!;
    const categories = ['Red category', 'Project Alpha'];
    await ews(server, UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: { id: m.id },
          updates: [{ kind: 'Set', path: { fieldURI: 'item:Categories' }, item: { kind: 'Message', categories } }],
        },
      ],
    });
    await syncUntil(async () => (await inboxMessages(mailbox.page)).find((x) => x.id === m.id)?.categories, categories);
    await open(m);
    const inReader = mailbox.reader.locator('#reader-subject .category');
    expect(await inReader.allInnerTexts()).toEqual(categories);
    // Outlook's "Red category" is red (hue 0) whatever the page's language.
    expect(await inReader.first().evaluate((el) => getComputedStyle(el).getPropertyValue('--cat-hue'))).toBe('0');
    const row = mailbox.page.locator(`.message[data-id="${m.id}"] .category`);
    expect(await row.allInnerTexts()).toEqual(categories);
    expect(await mailbox.page.locator(`.message[data-id="${m.id}"] [role="list"]`).getAttribute('aria-label')).toBe(
      'Categories',
    );
  });

  it('downloads an attachment through the server', async () => {
    const withFiles = inbox.find((m) => m.hasAttachments === 1)!;
    await open(withFiles);
    const link = mailbox.reader.locator('.attachments a', { hasText: 'Download' }).first();
    await link.waitFor();
    const name = await mailbox.reader.locator('.attachments .att-name').first().innerText();
    const href = new URL((await link.getAttribute('href'))!, server.url);
    const [download] = await Promise.all([mailbox.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    const bytes = readFileSync((await download.path())!);
    // The file is the server's attachment, byte for byte.
    const id = decodeURIComponent(href.pathname.slice('/attachments/'.length));
    const soap = encodeRequest(GetAttachment, { attachmentIds: [id] });
    const [message] = decodeResponse(GetAttachment, (await server.mailbox.handle(DEMO.user, soap)).body).messages;
    const content = message?.attachments?.[0]?.content;
    expect(content).toBeTruthy();
    expect(bytes.equals(Buffer.from(content!, 'base64'))).toBe(true);
  });

  it('downloads an attachment of a message archived a moment ago, whose attachment ids the move changed', async () => {
    const unique = (m: MessageRow) =>
      m.subject.trim() !== '' && inbox.filter((x) => x.subject === m.subject).length === 1;
    const target = inbox.filter((m) => m.hasAttachments === 1 && unique(m)).at(-1)!;
    await open(target);
    await mailbox.reader.locator('.attachments a', { hasText: 'Download' }).first().waitFor();
    const before = await mailbox.lastSynced();
    await mailbox.page.keyboard.press('e');
    await mailbox.rowById(target.id).waitFor({ state: 'detached' });
    await mailbox.waitForPass(before);
    await mailbox.drained();
    const moved = (await readAll<MessageRow>(mailbox.page, 'messages')).find((m) => m.subject === target.subject)!;
    expect(moved.id).not.toBe(target.id);
    await open(moved);
    const link = mailbox.reader.locator('.attachments a', { hasText: 'Download' }).first();
    await link.waitFor();
    const name = await mailbox.reader.locator('.attachments .att-name').first().innerText();
    const [download] = await Promise.all([mailbox.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(await download.failure()).toBeNull();
    expect(readFileSync((await download.path())!).length).toBeGreaterThan(0);
  });

  it('shows a message’s own cid: images, fetched from the server', async () => {
    const withImage = (await inboxBodies()).find(
      (b) => b.type === 'html' && b.attachments.some((a) => a.contentId && a.contentType.startsWith('image/')),
    );
    expect(withImage, 'a seeded HTML message with an inline image').toBeDefined();
    await open(inbox.find((m) => m.id === withImage!.id)!);
    const srcdoc = () => mailbox.reader.locator('iframe.mail-frame').getAttribute('srcdoc');
    await expect.poll(srcdoc).toMatch(/<img[^>]+src="data:image\/(png|gif|jpeg)/);
    expect(await srcdoc()).not.toContain('data-blocked-src="cid:');
    // What the frame shows, not only what it was given: the picture arrives after the words, and a
    // frame whose document changed while loading once stayed blank (its body never laid out).
    const shown = async () => {
      const frame = await (await mailbox.reader.locator('iframe.mail-frame').elementHandle())?.contentFrame();
      return frame?.evaluate(() => ({
        picture: document.querySelector('img[src^="data:image/"]') !== null,
        laidOut: document.body.getBoundingClientRect().height > 0,
      }));
    };
    await expect.poll(shown).toEqual({ picture: true, laidOut: true });
  });

  it('lists a picture the text never shows, and darkens in dark mode only mail that chose no colour', async () => {
    const stamp = Date.now();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC',
      'base64',
    );
    // As an iPhone sends a photo under a plain-text body: inline, with a Content-ID nothing names.
    await deliver(server, {
      to: DEMO.user,
      subject: `Photo ${stamp}`,
      text: 'Look at this.',
      attachments: [{ filename: 'IMG_0001.png', content: png, cid: 'photo@phone', contentDisposition: 'inline' }],
    });
    await deliver(server, { to: DEMO.user, subject: `Words ${stamp}`, html: '<p>Just <b>words</b>.</p>' });
    await deliver(server, {
      to: DEMO.user,
      subject: `Designed ${stamp}`,
      html: '<table bgcolor="#fff8e1"><tr><td><font color="#5d4037">Autumn sale</font></td></tr></table>',
    });
    await syncUntilListed(`Designed ${stamp}`);

    await mailbox.row(`Photo ${stamp}`).click();
    await expect.poll(() => mailbox.reader.locator('.attachments .att-name').allInnerTexts()).toEqual(['IMG_0001.png']);

    await mailbox.page.emulateMedia({ colorScheme: 'dark' });
    try {
      const ground = async (subject: string) => {
        await mailbox.row(subject).click();
        await mailbox.reader.locator('#reader-subject', { hasText: subject }).waitFor();
        const frame = await (await mailbox.reader.locator('iframe.mail-frame').elementHandle())?.contentFrame();
        return frame?.evaluate(() => getComputedStyle(document.body).backgroundColor);
      };
      // Words alone take the dark page (styles.css's dark surface); a design keeps its light one.
      await expect.poll(() => ground(`Words ${stamp}`)).toBe('rgb(29, 33, 38)');
      await expect.poll(() => ground(`Designed ${stamp}`)).toBe('rgba(0, 0, 0, 0)');
      const canvas = await (
        await mailbox.reader.locator('iframe.mail-frame').elementHandle()
      )
        ?.contentFrame()
        .then((f) => f?.evaluate(() => getComputedStyle(document.documentElement).colorScheme));
      expect(canvas).toBe('light');
    } finally {
      await mailbox.page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('folds the message a plain-text reply quotes at its end, and opens it when asked', async () => {
    const subject = `Quoted ${Date.now()}`;
    await deliver(server, {
      to: DEMO.user,
      subject,
      text: 'Friday suits me.\n\nOn Monday, Ada Lovelace wrote:\n> Shall we meet on Friday?\n> Ada',
    });
    await syncUntilListed(subject);
    await mailbox.row(subject).click();
    const body = mailbox.reader.locator('.plain-body');
    await body.waitFor();
    const quoted = body.locator('details.quoted-tail');
    // What is shown (innerText leaves out what is folded): the new words and the fold.
    expect(await body.innerText()).toMatch(/^Friday suits me\.\s+Quoted message$/);
    expect(await quoted.getAttribute('open')).toBeNull();
    await quoted.locator('summary').click();
    await expect
      .poll(() => body.innerText())
      .toContain('Quoted message\nOn Monday, Ada Lovelace wrote:\n> Shall we meet on Friday?\n> Ada');
  });

  it('folds the message an HTML reply quotes at its end inside the mail’s frame, with no script', async () => {
    const subject = `Quoted HTML ${Date.now()}`;
    await deliver(server, {
      to: DEMO.user,
      subject,
      html:
        '<div dir="ltr">Friday suits me.</div><br><div class="gmail_quote"><div class="gmail_attr">' +
        'On Monday, Ada Lovelace wrote:</div><blockquote class="gmail_quote">Shall we meet on Friday?</blockquote></div>',
    });
    await syncUntilListed(subject);
    await mailbox.row(subject).click();
    const frame = mailbox.reader.frameLocator('iframe.mail-frame');
    const quoted = frame.locator('details.tern-quoted');
    await quoted.waitFor({ state: 'attached' });
    expect(await frame.locator('body').innerText()).toMatch(/^Friday suits me\.\s+Quoted message$/);
    await quoted.locator('summary').click();
    await expect.poll(() => frame.locator('body').innerText()).toContain('Shall we meet on Friday?');
    expect(await quoted.getAttribute('open')).toBe('');
  });

  it('shows the beginning of a very long message at once, and all of it when asked', async () => {
    const stamp = Date.now();
    // About 1.2 MB of HTML, as a report pasted whole might be.
    const paragraphs = Array.from({ length: 30_000 }, (_, i) => `<p>Line ${i} of the quarterly log.</p>`);
    await deliver(server, {
      to: DEMO.user,
      subject: `Long log ${stamp}`,
      html: `${paragraphs.join('\n')}<p>The very end.</p>`,
    });
    await syncUntilListed(`Long log ${stamp}`);
    await mailbox.row(`Long log ${stamp}`).click();
    const note = mailbox.reader.locator('.body-note', { hasText: 'This message is long (1.' });
    await note.waitFor();
    const shown = async () => {
      const frame = await (await mailbox.reader.locator('iframe.mail-frame').elementHandle())?.contentFrame();
      return frame?.evaluate(() => ({
        paragraphs: document.querySelectorAll('p').length,
        end: document.body.textContent?.includes('The very end.') ?? false,
      }));
    };
    await expect.poll(shown).toMatchObject({ end: false });
    const clipped = (await shown())!.paragraphs;
    expect(clipped).toBeGreaterThan(1000);
    expect(clipped).toBeLessThan(30_000);
    await note.getByRole('button', { name: 'Show the whole message' }).click();
    await expect.poll(shown).toEqual({ paragraphs: 30_001, end: true });
    expect(await note.count()).toBe(0);
  });

  it('prints the message alone, with its header and pictures, from the toolbar or with Ctrl+P', async () => {
    interface Printed {
      text: string;
      html: string;
      sandbox: string | null;
      /** The header's display, its lines' colour, and the z-index of any element of the mail that has one. */
      header: [string, string];
      raised: string[];
    }
    // The print frame's print() is recorded instead of opening the dialog.
    await mailbox.page.evaluate(() => {
      const own = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
      const printed: Printed[] = [];
      (window as unknown as { __printed: Printed[] }).__printed = printed;
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get(this: HTMLIFrameElement) {
          const w = own.get!.call(this) as Window | null;
          if (w && this.classList.contains('print-frame'))
            w.print = () =>
              printed.push({
                text: w.document.body.innerText,
                html: w.document.documentElement.outerHTML,
                sandbox: this.getAttribute('sandbox'),
                header: [
                  w.getComputedStyle(w.document.getElementById('tern-print-header')!).display,
                  w.getComputedStyle(w.document.querySelector('#tern-print-header dd')!).color,
                ],
                raised: [...w.document.body.querySelectorAll('body > :not(header) , body > :not(header) *')]
                  .map((el) => w.getComputedStyle(el).zIndex)
                  .filter((z) => z !== 'auto'),
              });
          return w;
        },
      });
    });
    const printed = () => mailbox.page.evaluate(() => (window as unknown as { __printed: Printed[] }).__printed);

    const bodies = await inboxBodies();
    const html = bodies.find((b) => b.type === 'html' && b.attachments.some((a) => a.contentId?.length))!;
    const text = bodies.find((b) => b.type === 'text')!;
    expect(html && text, 'a seeded HTML message with a picture, and a text one').toBeTruthy();

    const pictured = inbox.find((m) => m.id === html.id)!;
    await open(pictured);
    await expect
      .poll(() => mailbox.reader.locator('iframe.mail-frame').getAttribute('srcdoc'))
      .toContain('data:image/');
    await mailbox.reader.getByRole('button', { name: 'Print' }).click();
    await expect.poll(async () => (await printed()).length).toBe(1);
    const [first] = await printed();
    expect(first!.text).toContain(pictured.subject);
    expect(first!.text).toMatch(/From\s/);
    expect(first!.html).toMatch(/<img[^>]+src="data:image\//);
    expect(first!.html).not.toMatch(/<script/i);
    expect(first!.sandbox).toBe('allow-same-origin allow-modals');
    // The frame goes once printed.
    expect(await mailbox.page.locator('.print-frame').count()).toBe(0);

    const plain = inbox.find((m) => m.id === text.id)!;
    await open(plain);
    await mailbox.reader.locator('.plain-body').waitFor();
    await mailbox.page.keyboard.press('Control+p');
    await expect.poll(async () => (await printed()).length).toBe(2);
    const second = (await printed())[1]!;
    expect(second.text).toContain(plain.subject);
    expect(second.text).toContain(text.content.trim().split('\n')[0]!.trim());

    // A mail cannot hide the printed header, dim it, or lay its own over it.
    const subject = `Disguised ${Date.now()}`;
    await deliver(server, {
      to: DEMO.user,
      subject,
      html: `<style>header, h1, dl, dd { display: none; color: #fff } .cover { position: absolute; top: 0; z-index: 99 }</style>
        <div class="cover" style="z-index: 100">From: security@bank.example</div><p>Words</p>`,
    });
    await syncUntilListed(subject);
    await mailbox.row(subject).click();
    await mailbox.reader.locator('#reader-subject', { hasText: subject }).waitFor();
    await mailbox.reader.locator('iframe.mail-frame').waitFor();
    await mailbox.reader.getByRole('button', { name: 'Print' }).click();
    await expect.poll(async () => (await printed()).length).toBe(3);
    const third = (await printed())[2]!;
    expect(third.text).toContain(subject);
    expect(third.header).toEqual(['block', 'rgb(0, 0, 0)']);
    expect(third.raised).toEqual([]);
  });

  it('downloads the message itself as an .eml file, as the server holds it', async () => {
    const m = inbox[3]!;
    await open(m);
    const [download] = await Promise.all([
      mailbox.page.waitForEvent('download'),
      mailbox.reader.getByRole('link', { name: 'Download as a file (.eml)' }).click(),
    ]);
    // (The browser puts _ for what a file name cannot hold.)
    expect(download.suggestedFilename()).toBe(`${m.subject.replace(/[\\/:*?"<>|]/g, '_')}.eml`);
    const mime = readFileSync((await download.path())!, 'utf8');
    expect(mime).toMatch(/^Subject: /m);
    expect(mime).toMatch(/^Message-ID: /im);
  });

  it('archives with e and puts the message back with Undo, even after the server gave it a new id', async () => {
    const unique = (m: MessageRow) =>
      m.subject.trim() !== '' && inbox.filter((x) => x.subject === m.subject).length === 1;
    const target = inbox.find((m) => m.hasAttachments === 0 && unique(m))!;
    await open(target);
    const row = mailbox.rowById(target.id);
    await row.waitFor();
    const before = await mailbox.lastSynced();
    await mailbox.page.keyboard.press('e');
    await row.waitFor({ state: 'detached' });
    // Let the worker push the move: the archived copy now has the server's new id.
    await mailbox.waitForPass(before);
    await mailbox.drained();
    await mailbox.page.getByRole('button', { name: 'Undo' }).click();
    await mailbox.row(target.subject).waitFor();
    await mailbox.drained();
    expect(await serverInboxSubjects(server)).toContain(target.subject);
  });

  it('moves with v: type to filter the folders, Enter to pick', async () => {
    const target = inbox.find((m) => m.hasAttachments === 0 && m.isRead === 1 && m.subject.trim() !== '')!;
    await open(target);
    await mailbox.page.keyboard.press('v');
    const filter = mailbox.page.getByRole('combobox', { name: 'Type to filter folders' });
    await filter.waitFor();
    await filter.fill('recei');
    expect(await mailbox.page.locator('#move-choices [role=option]').allInnerTexts()).toEqual(['Receipts']);
    await filter.press('Enter');
    await mailbox.page.locator('.toast', { hasText: 'Moved to Receipts.' }).waitFor();
    await mailbox.rowById(target.id).waitFor({ state: 'detached' });
  });

  it('searches the local store as you type and clears with Esc', async () => {
    const target = inbox.find((m) => m.subject.split(/\s+/).some((w) => w.length > 5))!;
    const word = target.subject.split(/\s+/).find((w) => w.length > 5)!;
    await mailbox.page.keyboard.press('/');
    await mailbox.page.keyboard.type(word.slice(0, 5));
    await mailbox.page.locator('.search-pane [role=option]').first().waitFor();
    const subjects = await mailbox.page.locator('.search-pane [role=option] .subject').allInnerTexts();
    expect(subjects.length).toBeGreaterThan(0);
    await mailbox.page.keyboard.press('Escape');
    await mailbox.page.locator('.search-pane').waitFor({ state: 'detached' });
  });

  it('searches the text of every message on the server with Enter, and says where each result is', async () => {
    const { page } = mailbox;
    // Past the preview: only the server holds these words.
    const text = `${'Nothing of note in the opening lines of this message. '.repeat(8)}The pangolin survey starts Monday.`;
    await deliver(server, { to: DEMO.user, subject: 'Field notes', text });
    await syncUntilListed('Field notes');
    const results = page.locator('.search-pane [role=option]');
    const note = page.locator('.search-pane .server-search');
    await page.keyboard.press('/');
    await page.keyboard.type('pangolin survey');
    await page.locator('#search-title', { hasText: 'No message matches “pangolin survey”.' }).waitFor();
    await note.getByRole('button', { name: 'Search the text of every message on the server' }).waitFor();

    await addFaults(server, [{ kind: 'busy-message', op: 'FindItem', backOffMs: 3000 }]);
    await page.keyboard.press('Enter');
    await note.filter({ hasText: 'The server is busy and asked to wait: search again in 3 s.' }).waitFor();
    await note.getByRole('button', { name: 'Search again' }).click();
    await note.filter({ hasText: 'The server found 1 message with these words.' }).waitFor();
    // The list reads the store again for what the server found.
    await expect
      .poll(() => results.locator('.subject').allInnerTexts())
      .toEqual([expect.stringMatching(/Field notes$/)]);
    expect(await results.locator('.folder-name').allInnerTexts()).toEqual(['Inbox']);
    // j moves through the results as through a folder.
    await page.keyboard.press('j');
    await mailbox.reader.locator('.plain-body', { hasText: 'The pangolin survey starts Monday.' }).waitFor();
    expect(await results.first().getAttribute('aria-selected')).toBe('true');

    // Offline, Enter searches the bodies stored here (the one just opened is), and says so.
    await browser.context.setOffline(true);
    try {
      await page.locator('input[type=search]').fill('pangolin');
      await note.getByRole('button', { name: 'Search the text of the messages stored on this device' }).waitFor();
      await page.locator('input[type=search]').press('Enter');
      await note
        .filter({
          hasText:
            '1 message stored on this device has these words in its text. Online, the server searches the text of every message.',
        })
        .waitFor();
      await expect
        .poll(() => results.locator('.subject').allInnerTexts())
        .toEqual([expect.stringMatching(/Field notes$/)]);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.locator('input[type=search]').press('Escape');
    await page.locator('.search-pane').waitFor({ state: 'detached' });
  });

  it('shows per-folder sync health and storage on the diagnostics page', async () => {
    const { page } = mailbox;
    await page.goto(`${server.url}/#/diagnostics`);
    await page.locator('.diag-table tbody tr[data-folder="inbox"]').waitFor();
    const cells = page.locator('.diag-table tbody tr[data-folder="inbox"] td');
    // Local and server counts side by side: "total / unread" on both.
    await expect.poll(async () => (await cells.nth(3).innerText()) === (await cells.nth(4).innerText())).toBe(true);
    await page.locator('.storage-used').waitFor();

    // What message text is kept here, and a way to give back what offline reading does not need.
    const stored = page.locator('.bodies-stored');
    const shown = async () => Number(/(\d+)/.exec(await stored.innerText())?.[1]);
    await expect.poll(async () => (await shown()) === (await readAll(page, 'bodies')).length).toBe(true);
    // The page swept once after it opened (src/ui/body-sweep.ts), and says what it keeps.
    await expect
      .poll(() => page.locator('.bodies-kept').innerText())
      .toMatch(/newest 200 .* 30 days .*cleared: (?!Never)/);
    await stored.getByRole('button', { name: 'Remove what is not needed offline' }).click();
    await page.locator('.toast', { hasText: /^Removed the text of \d+ messages?\./ }).waitFor();
    await expect.poll(async () => (await shown()) === (await readAll(page, 'bodies')).length).toBe(true);
  });

  it('says when the server asks us to slow down', async () => {
    const { page } = mailbox;
    await page.goto(`${server.url}/#/mail`);
    await mailbox.folder('inbox').waitFor();
    const syncNow = page.locator('.status-bar .sync-now');

    await addFaults(server, [{ kind: 'busy-fault', backOffMs: 120_000 }]);
    await syncNow.click();
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('throttled');
    expect(await mailbox.connection.innerText()).toMatch(/^Server busy: waiting until \d\d:\d\d:\d\d$/);
  });

  it('shows a sign-in banner when the server no longer knows the session', async () => {
    const { page } = mailbox;
    // End the back-off of the previous test (the shared throttle lives in the store).
    await clearFaults(server);
    await deleteRow(page, 'meta', 'throttle');
    await addFaults(server, [{ kind: 'http-401', count: 100 }]);
    await page.locator('.status-bar .sync-now').click();
    const banner = page.locator('.banner.warning');
    await banner.waitFor();
    expect(await banner.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toMatch(/^\/signin\?next=/);
    expect(await mailbox.connection.getAttribute('data-state')).toBe('signin-needed');
  });

  it('speaks French when chosen in the settings, and keeps the choice', async () => {
    const { page } = mailbox;
    await page.locator('.menu-button').click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.locator('select[name="language"]').selectOption('fr');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.locator('.folder-tree a[data-folder="inbox"]', { hasText: 'Boîte de réception' }).waitFor();
    await page.reload();
    await page.locator('.folder-tree a[data-folder="inbox"]', { hasText: 'Boîte de réception' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });
});
