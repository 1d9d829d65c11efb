import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest, FindItem, type Folder } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { inboxMessages, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { DEMO, serverFolders, serverItems, startTern, type TernServer } from './support/tern-server.js';

/** The server's folder of that display name (there must be exactly one), and its parent's name. */
async function onServer(server: TernServer, name: string): Promise<{ folder: Folder; parent: string } | undefined> {
  const all = await serverFolders(server.mailbox);
  const found = all.filter((f) => f.displayName === name);
  if (found.length > 1) throw new Error(`${found.length} folders named ${name} on the server`);
  const folder = found[0];
  if (!folder) return undefined;
  const parent = all.find((f) => f.folderId?.id === folder.parentFolderId?.id);
  return { folder, parent: parent?.distinguishedFolderId ?? parent?.displayName ?? 'msgfolderroot' };
}

const parentOnServer = async (server: TernServer, name: string) => (await onServer(server, name))?.parent;

async function subjectsOnServer(server: TernServer, folderId: string): Promise<string[]> {
  const soap = encodeRequest(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'Default' },
    view: { kind: 'Indexed', maxEntriesReturned: 1000, offset: 0, basePoint: 'Beginning' },
    parentFolderIds: [{ id: folderId }],
  });
  const message = decodeResponse(FindItem, (await server.mailbox.handle(DEMO.user, soap)).body).messages[0];
  return (message?.rootFolder?.items ?? []).map((i) => i.subject ?? '');
}

describe('managing folders', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  const drained = () => mailbox.drained();
  const dialog = () => mailbox.page.locator('dialog[open]');
  const menuItem = (name: string) => mailbox.page.locator('.folder-menu').getByRole('menuitem', { name });
  /** The folder `child` shown inside the folder `parent` (well-known name or display name). */
  const childOf = (parent: string, child: string) =>
    mailbox.page
      .locator('.folder-tree li', { has: mailbox.page.locator(`a[data-folder="${parent}"]`) })
      .locator(`a[data-folder="${child}"]`);

  /** Fills in the New folder dialog that is open, and waits for it to close. */
  async function nameIt(name: string): Promise<void> {
    await dialog().locator('input[name="folder-name"]').fill(name);
    await dialog()
      .getByRole('button', { name: /^(Create|Rename)$/ })
      .click();
    await dialog().waitFor({ state: 'detached' });
  }

  async function createAtTop(name: string): Promise<void> {
    await mailbox.page.getByRole('button', { name: 'New folder' }).click();
    await nameIt(name);
    await mailbox.folder(name).waitFor();
  }

  beforeAll(async () => {
    server = await startTern({ seedMessages: 200 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a folder at the top and one inside it, renames and deletes them, and the server has each change', async () => {
    const { page } = mailbox;
    await createAtTop('Projects 2025');
    await drained();
    expect(await parentOnServer(server, 'Projects 2025')).toBe('msgfolderroot');

    // Right-click: New subfolder, under the folder clicked.
    await mailbox.folder('Projects 2025').click({ button: 'right' });
    await menuItem('New subfolder').click();
    expect(await dialog().locator('select[name="folder-parent"] option:checked').innerText()).toBe('Projects 2025');
    await nameIt('Plans');
    await childOf('Projects 2025', 'Plans').waitFor();
    await drained();
    expect(await parentOnServer(server, 'Plans')).toBe('Projects 2025');

    // The ⋯ button: Rename…
    await page.getByRole('button', { name: 'Actions for Plans' }).click();
    await menuItem('Rename…').click();
    await nameIt('Plans for 2025');
    await mailbox.folder('Plans for 2025').waitFor();
    await drained();
    expect(await onServer(server, 'Plans')).toBeUndefined();
    expect(await parentOnServer(server, 'Plans for 2025')).toBe('Projects 2025');

    // A message in it, so the delete can say what goes with it.
    const message = (await inboxMessages(page))[0]!;
    await mailbox.openFolder('inbox');
    await mailbox.rowById(message.id).dragTo(mailbox.folder('Plans for 2025'));
    await page.locator('.toast', { hasText: 'Moved to Plans for 2025.' }).waitFor();
    await drained();

    // The keyboard: Shift+F10 on the folder, then Delete…
    await mailbox.folder('Projects 2025').focus();
    await page.keyboard.press('Shift+F10');
    await menuItem('New subfolder').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete…');
    await page.keyboard.press('Enter');
    expect(await dialog().locator('.delete-summary').innerText()).toBe(
      '“Projects 2025” and the 1 message in it will move to Deleted Items. Its subfolder goes with it.',
    );
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await dialog().waitFor({ state: 'detached' });
    await childOf('deleteditems', 'Projects 2025').waitFor();
    await drained();
    expect(await parentOnServer(server, 'Projects 2025')).toBe('deleteditems');
    expect(await parentOnServer(server, 'Plans for 2025')).toBe('Projects 2025');
    const moved = await onServer(server, 'Plans for 2025');
    expect(await subjectsOnServer(server, moved!.folder.folderId!.id)).toEqual([message.subject]);

    // Deleting it again, from Deleted Items, is for good.
    await mailbox.folder('Projects 2025').click({ button: 'right' });
    await menuItem('Delete…').click();
    expect(await dialog().locator('.delete-summary').innerText()).toBe(
      '“Projects 2025” and the 1 message in it will be deleted for good. Its subfolder goes with it.',
    );
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await mailbox.folder('Projects 2025').waitFor({ state: 'detached' });
    await drained();
    expect(await onServer(server, 'Projects 2025')).toBeUndefined();
  });

  it('refuses a name already taken among the siblings, and never offers to rename or delete Inbox', async () => {
    const { page } = mailbox;
    await page.getByRole('button', { name: 'New folder' }).click();
    await dialog().locator('input[name="folder-name"]').fill('  receipts ');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await dialog()
      .getByRole('alert')
      .filter({ hasText: 'There is already a folder named “Receipts” there.' })
      .waitFor();
    expect(await dialog().locator('input[name="folder-name"]').getAttribute('aria-invalid')).toBe('true');
    await dialog().locator('input[name="folder-name"]').fill('');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await dialog().getByRole('alert').filter({ hasText: 'Give the folder a name.' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });

    // The engine does not ask for Archive's well-known name (older Exchange has none): it is known
    // as the top-level folder named Archive, and is protected all the same. Deleted Items, with
    // mail in it, can be emptied.
    for (const special of ['inbox', 'deleteditems', 'Archive']) {
      await mailbox.folder(special).click({ button: 'right' });
      // The menu's code loads on first use: wait for it before reading what it offers.
      await page.locator('.folder-menu [role=menuitem]').first().waitFor();
      const offered = await page.locator('.folder-menu [role=menuitem]').allInnerTexts();
      expect(offered.filter((o) => o !== 'Mark all as read')).toEqual(
        special === 'deleteditems' ? ['New subfolder', 'Empty folder…'] : ['New subfolder'],
      );
      await page.keyboard.press('Escape');
      await page.locator('.folder-menu').waitFor({ state: 'detached' });
    }
    // Esc gave focus back to the folder the menu was opened from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-folder'))).toBe('Archive');
  });

  it('creates, renames and deletes offline: each shows at once and reaches the server when the network returns', async () => {
    const { page } = mailbox;
    await createAtTop('Trips');
    await createAtTop('Old stuff');
    await drained();

    await goOffline(browser.context, server);
    await createAtTop('Made offline');
    await page.getByRole('button', { name: 'Actions for Trips' }).click();
    await menuItem('Rename…').click();
    await nameIt('Journeys');
    await mailbox.folder('Journeys').waitFor();
    await mailbox.folder('Old stuff').click({ button: 'right' });
    await menuItem('Delete…').click();
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await childOf('deleteditems', 'Old stuff').waitFor();
    await page.locator('.toast', { hasText: 'Queued' }).waitFor();
    expect(await mailbox.outboxCount.innerText()).toBe('3 changes waiting');
    expect(await onServer(server, 'Made offline')).toBeUndefined();

    await goOnline(browser.context, server);
    await drained();
    expect(await parentOnServer(server, 'Made offline')).toBe('msgfolderroot');
    expect(await onServer(server, 'Trips')).toBeUndefined();
    expect(await parentOnServer(server, 'Journeys')).toBe('msgfolderroot');
    expect(await parentOnServer(server, 'Old stuff')).toBe('deleteditems');
    // The new folder now has the server's id in the store, not the local one.
    await expect
      .poll(
        async () =>
          (await readAll<{ id: string; name: string }>(page, 'folders')).find((f) => f.name === 'Made offline')?.id,
      )
      .toBe((await onServer(server, 'Made offline'))!.folder.folderId!.id);
  });

  it('moves a message dropped on a folder, and the server has it there', async () => {
    const { page } = mailbox;
    await mailbox.openFolder('inbox');
    const first = mailbox.rows.first();
    const subject = await first.locator('.subject').innerText();
    const id = (await first.getAttribute('data-id'))!;
    const receipts = await onServer(server, 'Receipts');
    const before = await subjectsOnServer(server, receipts!.folder.folderId!.id);

    await first.dragTo(mailbox.folder('Receipts'));
    await page.locator('.toast', { hasText: 'Moved to Receipts.' }).waitFor();
    await mailbox.rowById(id).waitFor({ state: 'detached' });
    await drained();
    const after = await subjectsOnServer(server, receipts!.folder.folderId!.id);
    expect(after.sort()).toEqual([...before, subject.replace(/^Unread:\s*/, '')].sort());
  });

  it('marks a whole folder read from its menu, and Undo brings back which were unread', async () => {
    const { page } = mailbox;
    const unreadIn = async (folder: string) =>
      (await readAll<{ folderId: string; isRead: number }>(page, 'messages')).filter(
        (m) => m.folderId === folder && m.isRead === 0,
      ).length;
    const inbox = (await readAll<{ id: string; distinguished?: string }>(page, 'folders')).find(
      (f) => f.distinguished === 'inbox',
    )!.id;
    for (const subject of ['Unread one', 'Unread two']) await deliver(server, { to: DEMO.user, subject, text: '.' });
    const synced = await mailbox.lastSynced();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await mailbox.waitForPass(synced);
    const before = await unreadIn(inbox);
    expect(before).toBeGreaterThan(1);
    expect(await mailbox.unread('inbox')).toBe(before);

    await mailbox.folder('inbox').click({ button: 'right' });
    await menuItem('Mark all as read').click();
    const toast = page.locator('.toast', { hasText: `${before} messages marked as read.` });
    await toast.waitFor();
    await expect.poll(() => mailbox.unread('inbox')).toBe(0);
    await drained();
    expect((await serverItems(server, 'inbox')).filter((i) => !i.isRead)).toEqual([]);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => mailbox.unread('inbox')).toBe(before);
    await drained();
    expect((await serverItems(server, 'inbox')).filter((i) => !i.isRead)).toHaveLength(before);
  });

  it('empties Junk into Deleted Items, then Deleted Items for good with the folders in it, saying first what goes', async () => {
    const { page } = mailbox;
    const folderId = async (name: string) =>
      (await readAll<{ id: string; distinguished?: string }>(page, 'folders')).find((f) => f.distinguished === name)!
        .id;
    const junk = await folderId('junkemail');
    const trash = await folderId('deleteditems');
    await mailbox.openFolder('inbox');
    const subjects: string[] = [];
    for (let i = 0; i < 2; i++) {
      const row = mailbox.rows.first();
      subjects.push((await row.locator('.subject').innerText()).replace(/^Unread:\s*/, ''));
      const id = (await row.getAttribute('data-id'))!;
      await row.dragTo(mailbox.folder('junkemail'));
      await mailbox.rowById(id).waitFor({ state: 'detached' });
    }
    await mailbox.folder('deleteditems').click({ button: 'right' });
    await menuItem('New subfolder').click();
    await nameIt('Shred me');
    await drained();
    expect(await subjectsOnServer(server, junk)).toEqual(expect.arrayContaining(subjects));
    const count = async (folder: string) =>
      (await readAll<{ folderId: string }>(page, 'messages')).filter((m) => m.folderId === folder).length;
    const inJunk = await count(junk);

    const empty = async (folder: string) => {
      await mailbox.folder(folder).click({ button: 'right' });
      await menuItem('Empty folder…').click();
      const said = (await dialog().locator('.delete-summary').innerText()).trim();
      await dialog().getByRole('button', { name: 'Empty folder' }).click();
      await dialog().waitFor({ state: 'detached' });
      return said;
    };
    expect(await empty('junkemail')).toBe(`The ${inJunk} messages in “Junk” will move to Deleted Items.`);
    await page.locator('.toast', { hasText: `${inJunk} messages deleted.` }).waitFor();
    await drained();
    expect(await subjectsOnServer(server, junk)).toEqual([]);
    expect(await subjectsOnServer(server, trash)).toEqual(expect.arrayContaining(subjects));
    // Nothing left to empty: Junk offers no Empty.
    await mailbox.folder('junkemail').click({ button: 'right' });
    await page.locator('.folder-menu [role=menuitem]').first().waitFor();
    expect(await page.locator('.folder-menu [role=menuitem]').allInnerTexts()).toEqual(['New subfolder']);
    await page.keyboard.press('Escape');

    // “Shred me”, and the folders the tests above deleted.
    const inside = (await readAll<{ parentId: string }>(page, 'folders')).filter((f) => f.parentId === trash).length;
    expect(inside).toBeGreaterThan(1);
    const inTrash = await count(trash);
    expect(await empty('deleteditems')).toBe(
      `The ${inTrash} messages in “Deleted” will be deleted for good. So will the ${inside} folders in it.`,
    );
    await drained();
    expect(await subjectsOnServer(server, trash)).toEqual([]);
    expect(await onServer(server, 'Shred me')).toBeUndefined();
    await mailbox.openFolder('deleteditems');
    await page.locator('.list-pane', { hasText: 'No messages in this folder.' }).waitFor();
  });
});
