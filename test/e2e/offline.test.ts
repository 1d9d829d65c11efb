import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { goOffline, goOnline, reloadOffline } from './pages/network.js';
import { deleteRow, inboxMessages, readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { startTern, type TernServer } from './support/tern-server.js';

describe('offline', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 300 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens from cache with the server stopped and the network gone, reads mail, and comes back online by itself', async () => {
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // A message of the Inbox whose body the worker prefetched.
    const inbox = await inboxMessages(page);
    // Among the newest, so its row is on the first screen of the list; the worker prefetches
    // recent bodies, possibly still after the pass that listed them.
    const newest = inbox.slice(0, 8).filter((m) => m.subject.trim() !== '');
    const stored = async () => new Set((await readAll<{ id: string }>(page, 'bodies')).map((b) => b.id));
    await expect
      .poll(
        async () => {
          const now = await stored();
          return newest.some((m) => now.has(m.id));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const bodies = await stored();
    const cached = newest.find((m) => bodies.has(m.id));
    expect(cached, 'a prefetched body').toBeDefined();
    // Another one stands for mail whose body has not been downloaded yet.
    const uncached = inbox.slice(0, 8).find((m) => m.id !== cached!.id && m.subject.trim() !== '')!;
    await deleteRow(page, 'bodies', uncached.id);

    await goOffline(browser.context, server);
    await reloadOffline(browser.context, page);
    await mailbox.folder('inbox').waitFor();
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('offline');
    expect(await mailbox.rows.count()).toBeGreaterThan(0);

    await mailbox.folder('inbox').click();
    await mailbox.rowById(cached!.id).click();
    await mailbox.reader.locator('#reader-subject', { hasText: cached!.subject }).waitFor();
    // The body is there: plain text on the page, or HTML in the sandboxed frame.
    await expect
      .poll(async () => (await mailbox.reader.locator('.plain-body, iframe.mail-frame').count()) > 0)
      .toBe(true);
    expect(await mailbox.reader.locator('.body-missing').count()).toBe(0);

    // A message without a body says so, and loads once the network is back.
    await mailbox.rowById(uncached.id).click();
    await mailbox.reader.locator('.body-missing', { hasText: "isn't on this device" }).waitFor();

    await goOnline(browser.context, server);
    await expect.poll(() => mailbox.connection.getAttribute('data-state'), { timeout: 30_000 }).toBe('online');
    await mailbox.reader.locator('.plain-body, iframe.mail-frame').first().waitFor();
    expect(await mailbox.reader.locator('.body-missing').count()).toBe(0);
  });
});
