import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

describe('new mail', () => {
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

  it('shows mail delivered over SMTP while the page is open, within a poll', async () => {
    const mailbox = await signedIn(browser, server, { settings: { pollSeconds: 2 } });
    const unreadBefore = await mailbox.unread('inbox');
    const subject = `Delivered while open ${Date.now()}`;
    const before = await mailbox.lastSynced();
    await deliver(server, { to: DEMO.user, subject, text: 'Hello from SMTP.' });

    // Poll passes, not wall-clock time: it must be there once two passes have ended after delivery
    // (the one in flight at delivery may have listed the Inbox just before).
    await mailbox.waitForPass(before);
    await mailbox.waitForPass(await mailbox.lastSynced());
    await expect.poll(() => mailbox.row(subject).count()).toBe(1);
    expect(await mailbox.row(subject).getAttribute('class')).toContain('unread');
    expect(await mailbox.unread('inbox')).toBe(unreadBefore + 1);
    // The tab tells of it too, for when it is in the background.
    await expect.poll(() => mailbox.page.title()).toBe(`Inbox (${unreadBefore + 1}) – Tern`);
  });
});
