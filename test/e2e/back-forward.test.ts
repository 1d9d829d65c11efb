import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

describe('the back/forward cache', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 20 });
    browser = await launchBrowser({ backForwardCache: true });
    await browser.context.addInitScript(() => {
      const shows: boolean[] = [];
      (window as unknown as { __shows: boolean[] }).__shows = shows;
      addEventListener('pageshow', (e) => shows.push(e.persisted));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes a page back with its store working, and no word of a store gone', async () => {
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    await mailbox.rows.first().waitFor();
    await page.goto('data:text/html,<p>elsewhere</p>');
    // A page restored from the cache fires no load event: wait only for the navigation.
    await page.goBack({ waitUntil: 'commit' });
    await mailbox.rows.first().waitFor();
    const { shows, why } = await page.evaluate(() => ({
      shows: (window as unknown as { __shows: boolean[] }).__shows,
      // Chromium's account of what kept a page out of the cache, should it have been.
      why: JSON.stringify(
        (performance.getEntriesByType('navigation')[0] as unknown as { notRestoredReasons?: unknown })
          ?.notRestoredReasons ?? null,
      ),
    }));
    // Restored from the cache, not loaded again: what this test is about.
    expect(shows, why).toEqual([false, true]);
    // The page and its worker still read and write the store: new mail comes in and shows.
    const subject = `After the cache ${Date.now()}`;
    await deliver(server, { to: DEMO.user, subject, text: 'Still here.' });
    await expect
      .poll(
        async () => {
          const before = await mailbox.lastSynced();
          await page.getByRole('button', { name: 'Sync now' }).click();
          await mailbox.waitForPass(before);
          return mailbox.row(subject).count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    // Dexie closed the store to let the page in; that was no store gone, nor a new version.
    expect((await page.getByRole('alert').allInnerTexts()).filter((text) => text.trim())).toEqual([]);
  });
});
