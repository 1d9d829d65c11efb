import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { startTern, type TernServer } from './support/tern-server.js';

describe('two tabs', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 100 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an action taken in one tab in the other without a reload', async () => {
    const first = await signedIn(browser, server);
    const secondPage = await browser.context.newPage();
    await secondPage.goto(server.url);
    const second = new MailboxPage(secondPage);
    await second.rows.first().waitFor();

    const row = first.rows.first();
    const subject = await row.locator('.subject').innerText();
    const id = await row.getAttribute('data-id');
    const other = secondPage.locator(`.list-pane [role=option][data-id="${id}"]`);
    const flaggedBefore = (await other.getAttribute('class'))!.includes('flagged');

    // Flag with the keyboard in the first tab: j selects the first message, s flags it.
    await first.page.locator('.list-scroller').focus();
    await first.page.keyboard.press('j');
    await first.reader.locator('#reader-subject', { hasText: subject.replace(/^Unread: /, '') }).waitFor();
    await first.page.keyboard.press('s');

    await expect.poll(async () => (await other.getAttribute('class'))!.includes('flagged')).toBe(!flaggedBefore);
    expect(await second.outboxCount.getAttribute('data-count')).not.toBeNull();
  });
});
