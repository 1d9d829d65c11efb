import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetUserOofSettings } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import type { MailboxPage } from './pages/mailbox-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { deliver } from './support/smtp.js';
import { signedIn } from './support/signed-in.js';
import { addFaults, DEMO, ews, startTern, type TernServer } from './support/tern-server.js';

describe('automatic replies', () => {
  let server: TernServer;
  let browser: Browser;
  let mailbox: MailboxPage;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 40 });
    browser = await launchBrowser();
    mailbox = await signedIn(browser, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async () => {
    const { page } = mailbox;
    await page.locator('.menu-button').click();
    await page.getByRole('menuitem', { name: 'Automatic replies…' }).click();
    return page.locator('dialog.auto-replies-dialog');
  };
  const stored = async () => (await ews(server, GetUserOofSettings, { mailbox: DEMO.user }))[0]!.oofSettings!;

  it('turns them on from the menu, and the mail server answers a sender outside once', async () => {
    const dialog = await open();
    const on = dialog.locator('input[name="oofOn"]');
    await on.waitFor();
    expect(await on.isChecked()).toBe(false);
    await on.check();
    await dialog.locator('textarea[name="oofInternal"]').fill('Away until Monday.\nAda has my files.');
    await dialog.locator('input[name="oofOutside"]').check();
    await dialog.locator('textarea[name="oofExternal"]').fill('Out of the office until Monday.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await mailbox.page.locator('.toast', { hasText: 'Automatic replies are on' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    // And a banner says so for as long as they are on.
    await mailbox.page.locator('.auto-replies-banner', { hasText: 'Automatic replies are on' }).waitFor();
    expect(await stored()).toMatchObject({
      oofState: 'Enabled',
      externalAudience: 'All',
      internalReply: '<html><body>Away until Monday.<br>Ada has my files.</body></html>',
    });

    const subject = `Meeting on Friday? ${Date.now()}`;
    await deliver(server, { to: DEMO.user, from: 'Grace <grace@example.org>', subject, text: 'Are you free?' });
    await deliver(server, {
      to: DEMO.user,
      from: 'Grace <grace@example.org>',
      subject: `${subject} (2)`,
      text: 'Again.',
    });
    await expect
      .poll(() =>
        server.mailbox
          .outgoing()
          .filter((o) => o.subject.startsWith('Automatic reply:'))
          .map((o) => [o.to, o.subject]),
      )
      .toEqual([[['grace@example.org'], `Automatic reply: ${subject}`]]);

    // Opened again, it shows what the server keeps, as text.
    const again = await open();
    await again.locator('input[name="oofOn"]:checked').waitFor();
    expect(await again.locator('textarea[name="oofInternal"]').inputValue()).toBe(
      'Away until Monday.\nAda has my files.',
    );
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  it('schedules them, refusing an end before the start, and turns them off', async () => {
    const dialog = await open();
    await dialog.locator('input[name="oofScheduled"]').check();
    await dialog.locator('input[name="oofStart"]').fill('2027-03-10T09:00');
    await dialog.locator('input[name="oofEnd"]').fill('2027-03-01T09:00');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.locator('[role="alert"]', { hasText: 'The end must come after the start.' }).waitFor();
    await dialog.locator('input[name="oofEnd"]').fill('2027-03-17T18:00');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await mailbox.page.locator('.toast', { hasText: 'Automatic replies are set from' }).waitFor();
    const scheduled = await stored();
    expect(scheduled.oofState).toBe('Scheduled');
    expect(Date.parse(scheduled.duration!.endTime) - Date.parse(scheduled.duration!.startTime)).toBe(
      (7 * 24 + 9) * 3_600_000,
    );

    // The banner names the time, and turns them off in one click, keeping the replies for next time.
    const banner = mailbox.page.locator('.auto-replies-banner');
    await banner.filter({ hasText: 'Automatic replies are set from' }).waitFor();
    await banner.getByRole('button', { name: 'Turn off' }).click();
    await mailbox.page.locator('.toast', { hasText: 'Automatic replies are off.' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    expect(await stored()).toMatchObject({ oofState: 'Disabled', internalReply: scheduled.internalReply });
  });

  it('says why they could not be read, and reads them again when asked', async () => {
    await addFaults(server, [{ kind: 'busy-message', op: 'GetUserOofSettingsRequest', backOffMs: 1000 }]);
    const dialog = await open();
    await dialog.locator('[role="alert"]', { hasText: 'The mail server is busy' }).waitFor();
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await dialog.locator('input[name="oofOn"]').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('says they are kept on the server when offline', async () => {
    await goOffline(browser.context, server);
    const dialog = await open();
    await dialog.locator('[role="status"]', { hasText: 'connect to see or change them' }).waitFor();
    expect(await dialog.locator('input[name="oofOn"]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await goOnline(browser.context, server);
  });
});
