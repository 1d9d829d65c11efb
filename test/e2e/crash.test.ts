import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { inboxMessages, newestDistinct, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { DEMO, serverItems, startTern, type TernServer } from './support/tern-server.js';

interface Entry {
  opId: string;
  op: { kind: string; ids?: string[] };
}

/**
 * Holds the page's next write to the outbox open: the write is made, then the transaction is kept
 * from committing by one small read after another, and `midWrite` (a binding the test answers by
 * closing the tab or killing the browser) is called. By then the intent's message rows have been
 * written in the same transaction: everything is written, nothing is committed.
 */
function holdNextOutboxWrite(page: Page): Promise<void> {
  return page.evaluate(() => {
    const proto = IDBObjectStore.prototype;
    let held = false;
    for (const name of ['add', 'put'] as const) {
      const write = proto[name] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
      proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
        const request = write.apply(this, args);
        if (this.name === 'outbox' && !held) {
          held = true;
          // If the test never acts, the transaction commits after this, and its checks see it.
          const until = Date.now() + 10_000;
          const again = () => {
            if (Date.now() < until) this.count().onsuccess = again;
          };
          again();
          void (window as unknown as { midWrite: () => Promise<void> }).midWrite();
        }
        return request;
      } as never;
    }
  });
}

/** Selects every message of the open folder and marks them all read: one intent, many rows. */
async function markAllRead(page: Page): Promise<void> {
  await page.locator('.list-scroller').focus();
  await page.keyboard.press('*');
  await page.keyboard.press('a');
  await page.locator('.selection-bar').waitFor();
  await page.keyboard.press('Shift+I');
}

describe('a tab or a browser that dies in the middle of a write', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 120 });
    // Unread mail at the top of the Inbox, whatever the seed's mix.
    for (const n of [1, 2, 3, 4])
      await deliver(server, { to: DEMO.user, subject: `Not read yet ${n}`, text: 'Still unread.' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps every intent that showed as queued, and leaves no trace of the one it cut off', async () => {
    let mailbox = await signedIn(browser, server);
    let page = mailbox.page;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const newest = await newestDistinct(page, 10);
    const toRead = newest.find((m) => m.isRead === 0)!;
    const toFlag = newest.find((m) => m !== toRead && m.flag !== 1)!;
    const toDelete = newest.find((m) => m !== toRead && m !== toFlag)!;
    expect([toRead, toFlag, toDelete].every(Boolean)).toBe(true);

    await mailbox.openFolder('inbox');
    await goOffline(browser.context, server);
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('offline');

    // Three intents the app showed as done and queued.
    await mailbox.readFlagDelete({ read: toRead.id, flag: toFlag.id, delete: toDelete.id });
    await expect.poll(() => mailbox.outboxCount.getAttribute('data-count')).toBe('3');
    const queued = (await readAll<Entry>(page, 'outbox')).map((e) => e.opId).sort();
    const shown = await inboxMessages(page);
    expect(shown.some((m) => m.isRead === 0)).toBe(true);

    /** The store holds the three intents and the rows they made, and nothing of the cut one. */
    const expectUntouched = async (p: Page) => {
      expect((await readAll<Entry>(p, 'outbox')).map((e) => e.opId).sort()).toEqual(queued);
      expect(await inboxMessages(p)).toEqual(shown);
    };

    // 1. The tab is closed while "mark all read" is halfway through its transaction.
    let cut = false;
    await page.exposeBinding('midWrite', async () => {
      cut = true;
      await page.close({ runBeforeUnload: false });
    });
    await holdNextOutboxWrite(page);
    await markAllRead(page).catch(() => undefined); // the page may be gone before the key is up
    await expect.poll(() => cut && page.isClosed()).toBe(true);

    page = await browser.context.newPage();
    await page.goto(server.url);
    mailbox = new MailboxPage(page);
    await mailbox.folder('inbox').waitFor();
    await expectUntouched(page);
    expect(await mailbox.outboxCount.getAttribute('data-count')).toBe('3');

    // 2. The same, but the whole browser is killed.
    cut = false;
    await page.exposeBinding('midWrite', async () => {
      cut = true;
      await browser.kill();
    });
    await mailbox.openFolder('inbox');
    await holdNextOutboxWrite(page);
    await markAllRead(page).catch(() => undefined);
    await expect.poll(() => cut).toBe(true);

    // Relaunched on the same profile, the server still away: the app opens from its cache. The
    // sign-in is gone too: Chromium writes cookies to disk every 30 s, and this sign-in was newer
    // (made certain here, as it is not always so).
    browser = await launchBrowser({ profile: browser.profile });
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    await page.goto(server.url);
    mailbox = new MailboxPage(page);
    await mailbox.openFolder('inbox');
    await expectUntouched(page);
    expect(await mailbox.outboxCount.getAttribute('data-count')).toBe('3');
    expect(await mailbox.rowById(toFlag.id).getAttribute('class')).toContain('flagged');
    expect(await mailbox.rowById(toDelete.id).count()).toBe(0);

    // The server comes back. This browser never lost its network, so no "online" event tells the
    // app: the person presses "Sync now", is asked to sign in again, and does.
    const before = await mailbox.lastSynced();
    await goOnline(browser.context, server);
    await page.locator('.status-bar .sync-now').click();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    mailbox = await MailboxPage.fillSignIn(page);
    // The three reach the server once, and the cut intent never does.
    await mailbox.drained();
    await mailbox.waitForPass(before);
    const inbox = new Map((await serverItems(server, 'inbox')).map((i) => [i.itemId!.id, i]));
    expect(inbox.get(toRead.id)).toMatchObject({ isRead: true });
    expect(inbox.get(toFlag.id)).toMatchObject({ flag: { flagStatus: 'Flagged' } });
    expect(inbox.has(toDelete.id)).toBe(false);
    expect((await serverItems(server, 'deleteditems')).filter((i) => i.subject === toDelete.subject)).toHaveLength(1);
    // Every message's read state on the server is what the app showed before the cuts.
    expect(new Map([...inbox.values()].map((i) => [i.itemId!.id, i.isRead]))).toEqual(
      new Map(shown.map((m) => [m.id, m.isRead === 1])),
    );
  });
});
