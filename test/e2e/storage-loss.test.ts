import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { addFaults, startTern, type TernServer } from './support/tern-server.js';

describe('a store the browser deleted', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 40 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is told of, downloaded again, and not told of twice', async () => {
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    const notice = page.getByRole('alert').filter({ hasText: 'Your browser deleted the mail' });
    await mailbox.rows.first().waitFor();
    expect(await notice.count()).toBe(0);

    // What eviction under storage pressure does (IndexedDB and localStorage go, cookies stay),
    // in the middle of a pass: the worker must not write the rest of it into an empty store.
    await addFaults(server, [{ kind: 'latency', op: 'SyncFolderItems', ms: 1500, count: 3 }]);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: new URL(server.url).origin,
      storageTypes: 'indexeddb,local_storage',
    });
    // The open page says what happened, and reloads when asked.
    const gone = page.getByRole('alert').filter({ hasText: 'removed while this page was open' });
    await gone.waitFor();
    await gone.getByRole('button', { name: 'Reload' }).click();
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Changes made offline that had not reached the server were lost');
    // The mail comes back from the server.
    await mailbox.waitForPass(0);
    await mailbox.rows.first().waitFor();

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await mailbox.rows.first().waitFor();
    await mailbox.waitForPass(0);
    expect(await notice.count()).toBe(0);
  });

  it('is not what signing out and in again looks like', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await new MailboxPage(page).rows.first().waitFor();
    await page.locator('.menu-button').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    const mailbox = await MailboxPage.signIn(page, server.url);
    await mailbox.waitForPass(0);
    expect(await page.getByText('Your browser deleted the mail').count()).toBe(0);
  });
});
