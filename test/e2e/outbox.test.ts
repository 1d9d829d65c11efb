import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindItem, GetItem, type Item } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline, reloadOffline } from './pages/network.js';
import { newestDistinct, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { ADA, DEMO, ews, serverItems, startTern, type TernServer } from './support/tern-server.js';

async function serverItem(server: TernServer, id: string): Promise<Item | undefined> {
  const [m] = await ews(server, GetItem, {
    itemShape: {
      baseShape: 'IdOnly',
      additionalProperties: ['message:IsRead', 'item:Flag'].map((fieldURI) => ({ fieldURI })),
    },
    itemIds: [{ id }],
  });
  return m?.items?.[0];
}

/**
 * Records, on every DOM mutation, what the message list shows for the watched messages: a row's
 * read and flag state, and whether rows that were moved away show up again. Installed before the
 * network comes back, read after the replay.
 */
function watchRows(page: MailboxPage['page'], watch: { read: string; flag: string; gone: string[] }) {
  return page.evaluate((w) => {
    const seen: string[] = [];
    const look = () => {
      const row = (id: string) => document.querySelector(`.list-pane [role=option][data-id="${CSS.escape(id)}"]`);
      const read = row(w.read);
      if (read?.classList.contains('unread')) seen.push('read message shown unread');
      const flag = row(w.flag);
      if (flag && !flag.classList.contains('flagged')) seen.push('flagged message shown unflagged');
      const subjects = [...document.querySelectorAll('.list-pane [role=option] .subject')].map((s) => s.textContent);
      for (const g of w.gone) if (subjects.some((s) => s?.includes(g))) seen.push(`"${g}" back in the list`);
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    look();
    (window as unknown as { __outboxFlicker: string[] }).__outboxFlicker = seen;
  }, watch);
}

describe('the outbox in a real browser', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 80 });
    // Fresh unread mail at the top of the Inbox, whatever the seed's mix of read and unread.
    for (const n of [1, 2])
      await deliver(server, { to: DEMO.user, subject: `Unread on arrival ${n}`, text: 'Not opened yet.' });
    browser = await launchBrowser();
    // Sends go at once here: these tests are about what is sent (recipients.test.ts is about Undo).
    mailbox = await signedIn(browser, server, { settings: { undoSendSeconds: 0 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps what was done offline across a reload, delivers it once, and the list never flips back', async () => {
    const { page } = mailbox;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const folders = await readAll<{ id: string; name: string }>(page, 'folders');
    const inbox = await newestDistinct(page);
    const toRead = inbox.find((m) => m.isRead === 0)!;
    const toFlag = inbox.find((m) => m !== toRead && m.flag !== 1)!;
    const [toMove, toDelete] = inbox.filter((m) => m !== toRead && m !== toFlag);
    expect([toRead, toFlag, toMove, toDelete].every(Boolean)).toBe(true);

    await mailbox.openFolder('inbox');
    await goOffline(browser.context, server);
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('offline');

    await mailbox.readFlagDelete({ read: toRead.id, flag: toFlag.id, delete: toDelete!.id });
    // Move to Receipts with the folder picker.
    await mailbox.rowById(toMove!.id).click();
    await page.keyboard.press('v');
    const filter = page.getByRole('combobox', { name: 'Type to filter folders' });
    await filter.fill('recei');
    await filter.press('Enter');
    await mailbox.rowById(toMove!.id).waitFor({ state: 'detached' });
    // Send.
    const subject = `Sent from a tunnel ${Date.now()}`;
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'Offline, and only once.' });
    await composer.send();
    const waiting = Number(await mailbox.outboxCount.getAttribute('data-count'));
    expect(waiting).toBeGreaterThanOrEqual(4);

    // The Outbox view says why nothing moves.
    await page.locator('.outbox-count').click();
    await page.locator('.outbox-view .outbox-entry').first().waitFor();
    expect(await page.locator('.outbox-view .entry-state').allInnerTexts()).toContain('Waiting for the network');
    expect((await page.locator('.outbox-view .entry-what').allInnerTexts()).some((w) => w.includes(subject))).toBe(
      true,
    );

    // A reload while offline: the outbox and the changes are still there.
    await reloadOffline(browser.context, page);
    await mailbox.openFolder('inbox');
    await mailbox.rowById(toFlag.id).waitFor();
    expect(await mailbox.rowById(toRead.id).getAttribute('class')).not.toContain('unread');
    expect(await mailbox.rowById(toFlag.id).getAttribute('class')).toContain('flagged');
    expect(await mailbox.rowById(toMove!.id).count()).toBe(0);
    expect(await mailbox.rowById(toDelete!.id).count()).toBe(0);
    expect(Number(await mailbox.outboxCount.getAttribute('data-count'))).toBe(waiting);

    // From here on, every change to the list is watched.
    await watchRows(page, { read: toRead.id, flag: toFlag.id, gone: [toMove!.subject, toDelete!.subject] });
    const before = await mailbox.lastSynced();
    await goOnline(browser.context, server);
    await mailbox.drained();
    // Two more passes: the echoes of our own changes have come back by then. The second is asked
    // for with "Sync now" rather than waited for at the next poll, a minute away.
    await mailbox.waitForPass(before);
    const first = await mailbox.lastSynced();
    await page.locator('.status-bar .sync-now').click();
    await mailbox.waitForPass(first);

    // The server has each change once.
    expect(await serverItem(server, toRead.id)).toMatchObject({ isRead: true });
    expect(await serverItem(server, toFlag.id)).toMatchObject({ flag: { flagStatus: 'Flagged' } });
    const receipts = folders.find((f) => f.name === 'Receipts')!;
    const [inReceipts] = await ews(server, FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
      parentFolderIds: [{ id: receipts.id }],
    });
    expect(inReceipts!.rootFolder!.items.filter((i) => i.subject === toMove!.subject)).toHaveLength(1);
    expect((await serverItems(server, 'deleteditems')).filter((i) => i.subject === toDelete!.subject)).toHaveLength(1);
    expect((await serverItems(server, 'inbox')).map((i) => i.subject)).not.toContain(toMove!.subject);
    expect((await serverItems(server, 'inbox', ADA.user)).filter((i) => i.subject === subject)).toHaveLength(1);
    expect((await serverItems(server, 'sentitems')).filter((i) => i.subject === subject)).toHaveLength(1);
    expect((await serverItems(server, 'drafts')).filter((i) => i.subject === subject)).toEqual([]);

    // And the list never showed the old state while all of that came back.
    expect(await page.evaluate(() => (window as unknown as { __outboxFlicker: string[] }).__outboxFlicker)).toEqual([]);
    expect(await mailbox.rowById(toFlag.id).getAttribute('class')).toContain('flagged');
  });
});
