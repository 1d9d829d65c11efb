import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest, FindItem } from '../../src/ews/index.js';
import { launchBrowser, type Browser } from './pages/browser.js';
import { ComposerPage } from './pages/composer-page.js';
import { goOffline, goOnline } from './pages/network.js';
import { signedIn } from './support/signed-in.js';
import { ADA, startTern, type TernServer } from './support/tern-server.js';

/** Subjects in a user's Inbox, read from the server with the codec. */
async function inboxSubjects(server: TernServer, user: string): Promise<string[]> {
  const soap = encodeRequest(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'Default' },
    view: { kind: 'Indexed', maxEntriesReturned: 200, offset: 0, basePoint: 'Beginning' },
    parentFolderIds: [{ distinguished: 'inbox' }],
  });
  const message = decodeResponse(FindItem, (await server.mailbox.handle(user, soap)).body).messages[0];
  return (message?.rootFolder?.items ?? []).map((i) => i.subject ?? '');
}

describe('writing mail offline', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 50 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('queues a message sent offline, warns before signing out, and delivers it once back online', async () => {
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    await goOffline(browser.context, server);

    const subject = `Written on a train ${Date.now()}`;
    const composer = await ComposerPage.open(page);
    await composer.fill({ to: `Ada <${ADA.user}>`, subject, body: 'No network here.\n- one\n- **two**' });
    await composer.send();
    await expect.poll(() => mailbox.outboxCount.getAttribute('data-count')).toBe('1');
    expect(await mailbox.outboxCount.innerText()).toBe('1 change waiting');

    // Sign-out says what would be lost; we decline.
    const warnings: string[] = [];
    page.once('dialog', (d) => {
      warnings.push(d.message());
      void d.dismiss();
    });
    await page.locator('.menu-button').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect
      .poll(() => warnings)
      .toEqual(['1 change has not reached the server yet. Sign out anyway and lose it?']);

    await goOnline(browser.context, server);
    await mailbox.drained();
    await expect.poll(() => inboxSubjects(server, ADA.user)).toContain(subject);
    expect((await inboxSubjects(server, ADA.user)).filter((s) => s === subject)).toHaveLength(1);
  });
});
