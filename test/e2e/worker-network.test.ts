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

  it('syncs the mailbox into IndexedDB with every /ews call made by the worker, none by the page', async () => {
    const counts = countRequests(browser.context, server.url);
    const page = await browser.context.newPage();
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
    await expect.poll(() => mailbox.outboxCount.getAttribute('data-count')).toBe('0');

    const messages = await readAll(page, 'messages');
    expect(messages.length).toBeGreaterThan(50);
    expect(counts.page.get('/ews') ?? 0).toBe(0);
    expect(counts.worker.get('/ews') ?? 0).toBeGreaterThan(3);
  });
});
