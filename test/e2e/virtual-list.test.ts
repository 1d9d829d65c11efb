import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { goOffline } from './pages/network.js';
import { fillFolder } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { startTern, type TernServer } from './support/tern-server.js';

const COUNT = 100_000;
const ROW_HEIGHT = 76; // src/ui/views/list-window.ts

describe('a 100,000-message folder', () => {
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

  it('keeps at most 100 rows in the DOM wherever it is scrolled', async () => {
    const mailbox = await signedIn(browser, server);
    const { page } = mailbox;
    // Offline, so the worker leaves the local-only folder alone while we look at it.
    await goOffline(browser.context, server);
    await fillFolder(page, { id: 'bulk-folder', name: 'Bulk' }, COUNT);
    await page.reload();
    await mailbox.openFolder('Bulk');
    await expect.poll(() => page.locator('.list-header .list-count').innerText()).toContain('100,000');

    const scroller = page.locator('.list-scroller');
    const rowsInDom = () => page.locator('.list-spacer [role=option]').count();
    const seeRow = async (i: number) => {
      await page
        .locator(`.list-spacer [role=option][aria-posinset="${i + 1}"] .subject`, { hasText: `Bulk message ${i}` })
        .waitFor();
    };

    await seeRow(0);
    expect(await rowsInDom()).toBeLessThanOrEqual(100);

    for (const target of [1_000, 50_000, COUNT - 1]) {
      await scroller.evaluate((el, top) => (el.scrollTop = top), target * ROW_HEIGHT);
      await seeRow(target);
      expect(await rowsInDom()).toBeLessThanOrEqual(100);
    }

    // The keyboard walks it too: End goes to the oldest, Home back to the newest.
    await scroller.focus();
    await page.keyboard.press('Home');
    await seeRow(0);
    await page.keyboard.press('End');
    await seeRow(COUNT - 1);
    expect(await rowsInDom()).toBeLessThanOrEqual(100);
  });
});
