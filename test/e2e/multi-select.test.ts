import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { inboxMessages, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { GetItem, UpdateItem } from '../../src/ews/index.js';
import { ews, serverItems, startTern, type TernServer } from './support/tern-server.js';

interface Entry {
  op: { kind: string; ids?: string[]; toFolderId?: string; isRead?: boolean };
}

/** Subjects with how often each occurs (seeded subjects repeat, so compare counts, not sets). */
function tally(subjects: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of subjects) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

const subjectsIn = async (server: TernServer, folder: string) =>
  tally((await serverItems(server, folder)).map((i) => i.subject ?? ''));

describe('selecting many messages', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  const outbox = () => readAll<Entry>(mailbox.page, 'outbox');
  const drained = () => mailbox.drained();
  const selectionCount = () => mailbox.page.locator('.selection-bar .selection-count').innerText();
  const inboxRows = () => inboxMessages(mailbox.page);

  beforeAll(async () => {
    server = await startTern({ seedMessages: 300 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('selects a range with a checkbox and Shift+click, and archives it offline as one action', async () => {
    const { page } = mailbox;
    await mailbox.openFolder('inbox');
    const rows = await inboxRows();
    const range = rows.slice(1, 6);
    const inboxBefore = await subjectsIn(server, 'inbox');
    const archiveBefore = await subjectsIn(server, 'archive');

    await mailbox.rowById(range[0]!.id).locator('.check').click();
    await mailbox
      .rowById(range[4]!.id)
      .locator('.check')
      .click({ modifiers: ['Shift'] });
    await expect.poll(selectionCount).toBe('5 selected');
    for (const m of range) expect(await mailbox.rowById(m.id).getAttribute('aria-selected')).toBe('true');
    expect(await mailbox.rowById(rows[0]!.id).getAttribute('aria-selected')).toBe('false');
    expect(await mailbox.rowById(rows[6]!.id).getAttribute('aria-selected')).toBe('false');

    await goOffline(browser.context, server);
    await page.locator('.selection-bar button[data-command="archive"]').click();
    await page.locator('.toast', { hasText: '5 messages archived.' }).waitFor();
    for (const m of range) await mailbox.rowById(m.id).waitFor({ state: 'detached' });
    expect(await page.locator('.selection-bar').count()).toBe(0);

    // One intent for all five: one outbox entry, one line in the status bar.
    const entries = await outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.op.kind).toBe('move');
    expect([...entries[0]!.op.ids!].sort()).toEqual(range.map((m) => m.id).sort());
    expect(await mailbox.outboxCount.innerText()).toBe('1 change waiting');

    await goOnline(browser.context, server);
    await drained();
    const inboxAfter = await subjectsIn(server, 'inbox');
    const archiveAfter = await subjectsIn(server, 'archive');
    for (const [subject, n] of tally(range.map((m) => m.subject))) {
      expect(inboxAfter.get(subject) ?? 0, subject).toBe((inboxBefore.get(subject) ?? 0) - n);
      expect(archiveAfter.get(subject) ?? 0, subject).toBe((archiveBefore.get(subject) ?? 0) + n);
    }
  });

  it('toggles with Ctrl+click and x, and puts every message of an archived selection back with Undo', async () => {
    const { page } = mailbox;
    const rows = await inboxRows();
    const picked = [rows[0]!, rows[2]!, rows[3]!];
    const inboxBefore = await subjectsIn(server, 'inbox');

    await mailbox.rowById(picked[0]!.id).click({ modifiers: ['Control'] });
    await mailbox.rowById(picked[1]!.id).click({ modifiers: ['Control'] });
    // x toggles the message under the cursor: move the cursor to the fourth row with j.
    await page.locator('.list-scroller').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('.list-pane [role=option].selected').getAttribute('data-id'))
      .toBe(picked[2]!.id);
    await page.keyboard.press('x');
    await expect.poll(selectionCount).toBe('3 selected');
    // The reader shows the cursor's message, but `e` archives the selection.
    await page.keyboard.press('e');
    await page.locator('.toast', { hasText: '3 messages archived.' }).waitFor();
    const undo = page.getByRole('button', { name: 'Undo' });
    // Focus on the toast keeps it up, however long the server takes.
    await undo.focus();
    await drained();
    const moved = await subjectsIn(server, 'inbox');
    for (const [subject, n] of tally(picked.map((m) => m.subject)))
      expect(moved.get(subject) ?? 0, subject).toBe((inboxBefore.get(subject) ?? 0) - n);

    await page.keyboard.press('Enter');
    await page.locator('.toast', { hasText: 'Undone.' }).waitFor();
    await drained();
    await expect.poll(async () => [...(await subjectsIn(server, 'inbox'))].sort()).toEqual([...inboxBefore].sort());
    for (const m of picked) await mailbox.row(m.subject).waitFor();
  });

  it('selects all with *a: every message of the folder, not only the rows on screen, in one action', async () => {
    const { page } = mailbox;
    const rows = await inboxRows();
    expect(rows.length).toBeGreaterThan(40);
    await page.locator('.list-scroller').focus();
    await page.keyboard.press('*');
    await page.keyboard.press('a');
    await expect.poll(selectionCount).toBe(`${rows.length} selected`);
    expect(await mailbox.rows.count()).toBeLessThan(rows.length);
    expect(await page.locator('.list-header .select-all').isChecked()).toBe(true);

    await goOffline(browser.context, server);
    await page.keyboard.press('Shift+I');
    await page.locator('.toast', { hasText: `${rows.length} messages marked as read.` }).waitFor();
    const entries = await outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.op).toMatchObject({ kind: 'set-read', isRead: true });
    expect([...entries[0]!.op.ids!].sort()).toEqual(rows.map((m) => m.id).sort());

    // Esc clears the selection; a plain click later opens one message alone.
    await page.keyboard.press('Escape');
    expect(await page.locator('.selection-bar').count()).toBe(0);
    await page.keyboard.press('Control+a');
    await expect.poll(selectionCount).toBe(`${rows.length} selected`);
    await mailbox.rowById(rows[1]!.id).click();
    expect(await page.locator('.selection-bar').count()).toBe(0);

    await goOnline(browser.context, server);
    await drained();
    const inbox = await serverItems(server, 'inbox');
    expect(inbox.filter((i) => 'isRead' in i && i.isRead === false)).toEqual([]);
  });

  it('sends a message to Junk with !, and a selection back to the Inbox with Not junk', async () => {
    const { page } = mailbox;
    await mailbox.openFolder('inbox');
    const [first, second] = await inboxRows();
    const junkBefore = await subjectsIn(server, 'junkemail');

    await mailbox.rowById(first!.id).click();
    await mailbox.reader.locator('button[aria-label="Junk"]').waitFor();
    await page.keyboard.press('!');
    await page.locator('.toast', { hasText: 'Moved to Junk.' }).waitFor();
    await mailbox.rowById(first!.id).waitFor({ state: 'detached' });
    await mailbox.rowById(second!.id).click();
    await mailbox.reader.locator('button[aria-label="Junk"]').click();
    await page.locator('.toast', { hasText: 'Moved to Junk.' }).last().waitFor();
    await drained();
    const junkAfter = await subjectsIn(server, 'junkemail');
    for (const [subject, n] of tally([first!.subject, second!.subject]))
      expect(junkAfter.get(subject) ?? 0, subject).toBe((junkBefore.get(subject) ?? 0) + n);

    // In Junk, the same button takes them out: all at once from a selection.
    await mailbox.openFolder('junkemail');
    await page.locator('.list-scroller').focus();
    await page.keyboard.press('*');
    await page.keyboard.press('a');
    const inJunk = (await serverItems(server, 'junkemail')).length;
    await expect.poll(selectionCount).toBe(`${inJunk} selected`);
    await page.locator('.selection-bar button[data-command="junk"][aria-label="Not junk"]').click();
    await page.locator('.toast', { hasText: 'moved to Inbox' }).waitFor();
    await drained();
    expect(await serverItems(server, 'junkemail')).toEqual([]);
  });

  it('puts a new category on a message with l and takes it off from the toolbar; the server has each', async () => {
    const { page } = mailbox;
    await mailbox.openFolder('inbox');
    const m = (await inboxRows()).find((r) => !r.categories?.length)!;
    await mailbox.rowById(m.id).click();
    await mailbox.reader.locator('button[aria-label="Categorize…"]').waitFor();
    await page.keyboard.press('l');
    const picker = page.locator('dialog.category-picker');
    await picker.locator('input.filter').fill('Travel plans');
    await expect
      .poll(() => picker.locator('[role=option]').first().innerText())
      .toContain('New category “Travel plans”');
    await page.keyboard.press('Enter');
    await page.locator('.toast', { hasText: 'Category “Travel plans” added.' }).waitFor();
    await expect.poll(() => mailbox.rowById(m.id).locator('.category').allInnerTexts()).toEqual(['Travel plans']);
    await drained();
    expect(await serverCategories(m.id)).toEqual(['Travel plans']);

    // The label in the reader finds all mail in the category: a search that holds only an operator.
    await mailbox.reader.getByRole('button', { name: 'Travel plans' }).click();
    const search = page.getByRole('searchbox', { name: 'Search mail' });
    expect(await search.inputValue()).toBe('category:"Travel plans"');
    await expect.poll(() => page.locator('#search-title').innerText()).toBe('1 result for “category:"Travel plans"”');
    expect(await page.locator('.search-pane [role=option]').getAttribute('data-id')).toBe(m.id);
    await page.locator('.search-pane .server-search', { hasText: 'these are all the matches' }).waitFor();
    await search.press('Escape');

    // Now in use: listed first, marked as the message's, and a click takes it off.
    await mailbox.reader.locator('button[aria-label="Categorize…"]').click();
    const travel = picker.locator('[role=option]', { hasText: 'Travel plans' });
    expect(await travel.getAttribute('aria-checked')).toBe('true');
    expect(await picker.locator('[role=option]').first().innerText()).toContain('Travel plans');
    await travel.click();
    await page.locator('.toast', { hasText: 'Category “Travel plans” removed.' }).waitFor();
    await mailbox.rowById(m.id).locator('.category').waitFor({ state: 'detached' });
    await drained();
    expect(await serverCategories(m.id)).toEqual([]);
  });

  it('categorizes a selection offline, and a category another client set meanwhile stays', async () => {
    const { page } = mailbox;
    await mailbox.openFolder('inbox');
    const [first, second] = (await inboxRows()).filter((r) => !r.categories?.length);
    await goOffline(browser.context, server);
    await setServerCategories(first!.id, ['Blue category']);

    await mailbox.rowById(first!.id).click({ modifiers: ['Control'] });
    await mailbox.rowById(second!.id).click({ modifiers: ['Control'] });
    await expect.poll(selectionCount).toBe('2 selected');
    await page.locator('.selection-bar button[data-command="categorize"]').click();
    const picker = page.locator('dialog.category-picker');
    await picker.locator('input.filter').fill('red');
    // What was typed comes first as a new category; the preset is one step down.
    await expect.poll(() => picker.locator('[role=option]').nth(1).innerText()).toContain('Red category');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.toast', { hasText: 'Category “Red category” added to 2 messages.' }).waitFor();
    const entries = await outbox();
    expect(entries.map((e) => e.op.kind)).toEqual(['categorize']);
    for (const m of [first!, second!])
      expect(await mailbox.rowById(m.id).locator('.category').allInnerTexts()).toEqual(['Red category']);

    await goOnline(browser.context, server);
    await drained();
    expect(await serverCategories(first!.id)).toEqual(['Blue category', 'Red category']);
    expect(await serverCategories(second!.id)).toEqual(['Red category']);
    await expect
      .poll(() => mailbox.rowById(first!.id).locator('.category').allInnerTexts(), { timeout: 40_000 })
      .toEqual(['Blue category', 'Red category']);
  });

  async function serverCategories(id: string): Promise<string[]> {
    const [m] = await ews(server, GetItem, {
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Categories' }] },
      itemIds: [{ id }],
    });
    return m?.items?.[0]?.categories ?? [];
  }

  async function setServerCategories(id: string, categories: string[]): Promise<void> {
    const [m] = await ews(server, UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: { id },
          updates: [{ kind: 'Set', path: { fieldURI: 'item:Categories' }, item: { kind: 'Message', categories } }],
        },
      ],
    });
    expect(m?.responseClass).toBe('Success');
  }
});
