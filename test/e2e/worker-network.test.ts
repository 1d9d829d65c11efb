import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { countRequests } from './pages/network.js';
import { readAll } from './pages/store.js';
import { startTern, type TernServer } from './support/tern-server.js';

describe('the service worker does the network work', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 200 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let counts: ReturnType<typeof countRequests>;
  let page: Page;

  it('syncs the mailbox into IndexedDB with every /ews call made by the worker, none by the page', async () => {
    counts = countRequests(browser.context, server.url);
    page = await browser.context.newPage();
    const mailbox = await MailboxPage.signIn(page, server.url);
    await mailbox.waitForPass(0);

    // Reading and acting add page work (live queries, recordAction) but no page requests to /ews.
    const row = mailbox.rows.nth(2);
    await row.click();
    await mailbox.reader.locator('#reader-subject').waitFor();
    const before = await mailbox.lastSynced();
    const flagged = (await row.getAttribute('class'))!.includes('flagged');
    await page.keyboard.press('s');
    await expect.poll(async () => (await row.getAttribute('class'))!.includes('flagged')).toBe(!flagged);
    await mailbox.waitForPass(before);
    await mailbox.drained();

    const messages = await readAll(page, 'messages');
    expect(messages.length).toBeGreaterThan(50);
    expect(counts.page.get('/ews') ?? 0).toBe(0);
    expect(counts.worker.get('/ews') ?? 0).toBeGreaterThan(3);
  });

  it('"Work offline" stops every request until switched back, even across a worker restart', async () => {
    const mailbox = new MailboxPage(page);
    const sw = page.locator('.status-bar input[role=switch]');
    await sw.click();
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('paused');
    const before = counts.worker.get('/ews') ?? 0;
    expect(await page.locator('.status-bar .sync-now').isDisabled()).toBe(true);
    // Stop the worker (the browser does this after 30 s idle): the pause must outlive it.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const attachmentsFetched = () =>
      [...counts.page].filter(([path]) => path.startsWith('/attachments')).reduce((n, [, c]) => n + c, 0);
    const [sessionChecks, pictures] = [counts.page.get('/api/session') ?? 0, attachmentsFetched()];
    await page.reload();
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('paused');
    // The page's own requests stop too: no session check on load, no inline picture of an opened
    // message (it waits, as offline).
    const bodies = await readAll<{ id: string; attachments: { contentId?: string }[] }>(page, 'bodies');
    const pictured = bodies.find((b) => b.attachments.some((a) => a.contentId));
    expect(pictured, 'a stored body with an inline picture').toBeDefined();
    const [row] = (await readAll<{ id: string; folderId: string }>(page, 'messages')).filter(
      (m) => m.id === pictured!.id,
    );
    await page.evaluate(
      ([folderId, id]) => (location.hash = `#/mail/${encodeURIComponent(folderId!)}/${encodeURIComponent(id!)}`),
      [row!.folderId, row!.id],
    );
    await mailbox.reader.locator('iframe.mail-frame').waitFor();
    // The reload asked for a start-up pass; the paused worker must not make it.
    await page.waitForTimeout(1000);
    expect(counts.worker.get('/ews') ?? 0).toBe(before);
    expect(counts.page.get('/api/session') ?? 0).toBe(sessionChecks);
    expect(attachmentsFetched()).toBe(pictures);

    await page.locator('.status-bar input[role=switch]').click();
    await expect.poll(() => mailbox.connection.getAttribute('data-state')).toBe('online');
    await expect.poll(() => counts.worker.get('/ews') ?? 0).toBeGreaterThan(before);
  });
});
