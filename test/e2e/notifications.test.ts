import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { inboxMessages, readMeta } from './pages/store.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

/** The notifications the app shows, as its worker's registration lists them. */
function notifications(page: Page) {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      data: n.data as unknown,
    })),
  );
}

/**
 * Puts the window in the background (another tab in front, or minimised) or back, as the page
 * sees it: headless Chromium reports every page as visible.
 */
function setVisible(page: Page, visible: boolean) {
  return page.evaluate((v) => {
    const state = v ? 'visible' : 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !v });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/** Asks the worker for a pass now, as the Sync button does, from a page that may be in the background. */
async function passNow(mailbox: MailboxPage): Promise<void> {
  const before = await mailbox.lastSynced();
  await mailbox.page.evaluate(() =>
    navigator.serviceWorker.controller?.postMessage({ type: 'sync-now', reason: 'user' }),
  );
  await mailbox.waitForPass(before + 1);
}

describe('new-mail notifications', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 60 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tick = async (expectChecked: boolean) => {
    const { page } = mailbox;
    await page.locator('.menu-button').click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    const box = page.locator('input[name="newMailAlerts"]');
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(expectChecked);
  };

  it('says what to do when the browser blocks notifications, and is on once it allows them', async () => {
    const { page } = mailbox;
    await tick(false);
    await expect
      .poll(() => page.locator('.settings-form [role="alert"]').textContent())
      .toContain('blocks notifications');
    expect(await readMeta(page, 'newMailAlerts')).toBeUndefined();
    await page.getByRole('button', { name: 'OK' }).click();

    await browser.context.grantPermissions(['notifications'], { origin: server.url });
    await tick(true);
    expect(await page.locator('.settings-form [role="alert"]').count()).toBe(0);
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await readMeta(page, 'newMailAlerts')).toMatchObject({ since: expect.any(Number) });
  });

  it('announces mail that comes while Tern is in the background, once, opens it on a click, and clears once looked at', async () => {
    const { page } = mailbox;
    await setVisible(page, false);
    await passNow(mailbox);
    expect(await notifications(page)).toEqual([]);

    const subject = `Train at 6 ${Date.now()}`;
    await deliver(server, { to: DEMO.user, from: 'Ada Lovelace <ada@example.org>', subject, text: 'Platform 4.' });
    await passNow(mailbox);
    await expect
      .poll(() => notifications(page))
      .toMatchObject([{ title: 'Ada Lovelace', body: `${subject}\nPlatform 4.` }]);
    const received = (await inboxMessages(page)).find((m) => m.subject === subject)!.receivedAt;
    await expect.poll(async () => ((await readMeta(page, 'newMailAlerts')) as { since: number }).since).toBe(received);
    const [shown] = await notifications(page);
    expect(shown!.data).toEqual({ folderId: expect.any(String), messageId: expect.any(String) });

    // Two more at once come as one notification that counts them (delivered side by side, so that
    // the worker's own poll does not fall between them).
    await Promise.all([
      deliver(server, { to: DEMO.user, from: 'Grace <grace@example.org>', subject: 'Compilers', text: 'A.' }),
      deliver(server, { to: DEMO.user, from: 'Alan <alan@example.org>', subject: 'Machines', text: 'B.' }),
    ]);
    await passNow(mailbox);
    await expect
      .poll(async () => (await notifications(page)).map((n) => n.title).sort())
      .toEqual(['2 new messages', 'Ada Lovelace']);

    // A click: the worker focuses the window and tells it which message (its message to the page).
    await page.evaluate(
      (data) =>
        navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'open-mail', ...data } })),
      shown!.data as { folderId: string; messageId: string },
    );
    await mailbox.reader.locator('#reader-subject', { hasText: subject }).waitFor();

    // Back on screen: what was told is cleared with the next pass.
    await setVisible(page, true);
    await expect.poll(() => notifications(page), { timeout: 30_000 }).toEqual([]);
  });

  it('stays quiet while the user looks at the app', async () => {
    const subject = `In plain sight ${Date.now()}`;
    await deliver(server, { to: DEMO.user, subject, text: 'Seen in the list.' });
    await passNow(mailbox);
    await mailbox.row(subject).waitFor();
    // The worker has looked at this mail once it has moved its mark past it.
    const received = (await inboxMessages(mailbox.page)).find((m) => m.subject === subject)!.receivedAt;
    await expect
      .poll(async () => ((await readMeta(mailbox.page, 'newMailAlerts')) as { since: number }).since)
      .toBeGreaterThanOrEqual(received);
    expect(await notifications(mailbox.page)).toEqual([]);
  });
});
