import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline } from './pages/network.js';
import { newestDistinct } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { ADA, addFaults, clearFaults, DEMO, serverItems, startTern, type TernServer } from './support/tern-server.js';

// Every request the mailbox answers takes this long, so the worker can be stopped in the middle
// of one; the mailbox applies it all the same, as a server whose client went away does.
const LATENCY_MS = 1500;

describe('a service worker stopped in the middle of replaying the outbox', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 60 });
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

  it('starts again where it was, sends once, and leaves no lock held', async () => {
    const { page } = mailbox;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const inbox = await newestDistinct(page);
    const toRead = inbox.find((m) => m.isRead === 0)!;
    const [toFlag, toDelete] = inbox.filter((m) => m !== toRead && m.flag !== 1);
    expect([toRead, toFlag, toDelete].every(Boolean)).toBe(true);

    // Offline: read, flag, delete, and a message to Ada.
    await mailbox.openFolder('inbox');
    await goOffline(browser.context, server);
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('offline');
    await mailbox.readFlagDelete({ read: toRead.id, flag: toFlag!.id, delete: toDelete!.id });
    const subject = `Sent through a dying worker ${Date.now()}`;
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'Once, however often the worker stops.' });
    await composer.send();
    await expect.poll(() => mailbox.outboxCount.getAttribute('data-count')).toBe('4');

    // Back online with a slow server. The worker is stopped in the middle of each kind of request
    // the replay makes (the server applies it all the same, as a server whose client went away
    // does), and woken again each time by "Sync now".
    const sent: string[] = [];
    browser.context.on('request', (r) => {
      if (r.serviceWorker() && new URL(r.url()).pathname === '/ews')
        sent.push(/<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(r.postData() ?? '')?.[1] ?? '?');
    });
    await server.start();
    await addFaults(server, [{ kind: 'latency', ms: LATENCY_MS, count: 100 }]);
    await browser.context.setOffline(false);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (const operation of ['UpdateItem', 'MoveItem', 'CreateItem', 'SendItem']) {
      const from = sent.length;
      await page.locator('.status-bar .sync-now').click();
      await expect.poll(() => sent.slice(from), { timeout: 30_000 }).toContain(operation);
      await page.waitForTimeout(LATENCY_MS / 2);
      await cdp.send('ServiceWorker.stopAllWorkers');
    }
    await clearFaults(server);
    await page.locator('.status-bar .sync-now').click();
    await mailbox.drained();
    const before = await mailbox.lastSynced();
    await page.locator('.status-bar .sync-now').click();
    await mailbox.waitForPass(before);

    // The server has each change once.
    const serverInbox = new Map((await serverItems(server, 'inbox')).map((i) => [i.itemId!.id, i]));
    expect(serverInbox.get(toRead.id)).toMatchObject({ isRead: true });
    expect(serverInbox.get(toFlag!.id)).toMatchObject({ flag: { flagStatus: 'Flagged' } });
    expect(serverInbox.has(toDelete!.id)).toBe(false);
    expect((await serverItems(server, 'deleteditems')).filter((i) => i.subject === toDelete!.subject)).toHaveLength(1);
    expect((await serverItems(server, 'inbox', ADA.user)).filter((i) => i.subject === subject)).toHaveLength(1);
    expect((await serverItems(server, 'sentitems')).filter((i) => i.subject === subject)).toHaveLength(1);
    expect((await serverItems(server, 'drafts')).filter((i) => i.subject === subject)).toEqual([]);

    // The app shows what the server has, says it is online, and no stopped worker left the sync
    // lock held.
    expect(await mailbox.rowById(toFlag!.id).getAttribute('class')).toContain('flagged');
    expect(await mailbox.rowById(toRead.id).getAttribute('class')).not.toContain('unread');
    expect(await mailbox.connection.getAttribute('data-state')).toBe('online');
    // (A pass may still be running: the lock must come free, not be free at this instant.)
    const locks = () =>
      page.evaluate(async () => {
        const { held = [], pending = [] } = await navigator.locks.query();
        return [...held, ...pending].map((l) => l.name);
      });
    await expect.poll(locks).toEqual([]);
  });
});
