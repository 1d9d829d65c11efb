import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { signedIn } from './support/signed-in.js';
import { deliver } from './support/smtp.js';
import { DEMO, startTern, type TernServer } from './support/tern-server.js';

describe('a new version', () => {
  let server: TernServer;
  let browser: Browser;
  let dist: string;

  beforeAll(async () => {
    // A copy of the build that this test can "deploy" a new worker into.
    dist = mkdtempSync(join(tmpdir(), 'tern-e2e-dist-'));
    cpSync(fileURLToPath(new URL('../../dist/', import.meta.url)), dist, { recursive: true });
    server = await startTern({ seedMessages: 30, distDir: dist });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('waits for the user: "A new version is ready — Reload", then runs the new worker, in every tab', async () => {
    const { page } = await signedIn(browser, server);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const scriptBefore = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    // A second tab on the same build.
    const other = await browser.context.newPage();
    await other.goto(server.url);
    await other.locator('.folder-tree').waitFor();
    await other.waitForFunction(() => navigator.serviceWorker.controller !== null);

    appendFileSync(join(dist, 'sw.js'), '\n// next build\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    // Installed and waiting, not activated behind the page's back.
    const banner = page.locator('.banner', { hasText: 'A new version is ready.' });
    await banner.waitFor();
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.locator('.folder-tree').waitFor();
    const registration = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: !!reg.waiting, controller: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(registration).toEqual({ waiting: false, controller: scriptBefore });
    expect(await banner.count()).toBe(0);

    // The other tab runs the old build under the new worker until it reloads; its Reload, pressed
    // after this tab's, finds no worker waiting and must reload all the same.
    const otherBanner = other.locator('.banner', { hasText: 'A new version is ready.' });
    await otherBanner.waitFor();
    await Promise.all([other.waitForEvent('load'), otherBanner.getByRole('button', { name: 'Reload' }).click()]);
    await other.locator('.folder-tree').waitFor();
    expect(await otherBanner.count()).toBe(0);
    await other.close();
  });

  it('says so when a part of the old version is gone once another tab moved on, and offers Reload', async () => {
    await deliver(server, { to: DEMO.user, subject: 'Release notes', html: '<h1>What is new</h1>' });
    // Signed in already (the first test): a new tab opens the mailbox.
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const mailbox = new MailboxPage(page);
    await mailbox.row('Release notes').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // The next build has no file of those names: the composer's code and the code that makes mail
    // safe to show (DOMPurify's) are named after their content, and found by it.
    let sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    for (const part of ['compose-form', 'uponSanitizeAttribute']) {
      const chunks = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
      const holding = chunks.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes(part));
      expect(holding).toHaveLength(1);
      const file = holding[0]!;
      const entry = `{"url":"assets/${file}"},`;
      expect(sw).toContain(entry);
      sw = `${sw.replace(entry, '')}\n// a build without ${file}\n`;
      rmSync(join(dist, 'assets', file));
    }
    writeFileSync(join(dist, 'sw.js'), sw);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.locator('.banner', { hasText: 'A new version is ready.' }).waitFor();
    // Another tab's Reload activates it; this tab still runs the old build.
    await page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistration())!.waiting!.postMessage({ type: 'SKIP_WAITING' }),
    );
    await expect
      .poll(() => page.evaluate(async () => !(await navigator.serviceWorker.getRegistration())!.waiting))
      .toBe(true);

    // The browser's own cache may still hold the old file for a while; once it has let it go:
    await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
    await page.locator('.compose-button').click();
    const toast = page.locator('.toast', { hasText: 'This part of Tern could not be opened' });
    await toast.waitFor();
    expect(await page.locator('dialog.composer').count()).toBe(0);
    // An HTML message cannot be shown without that code: the reader says why instead of
    // "Preparing the message…" for ever.
    await mailbox.row('Release notes').click();
    await mailbox.reader.locator('.pane-note', { hasText: 'This part of Tern could not be opened' }).waitFor();
    expect(await mailbox.reader.locator('iframe.mail-frame').count()).toBe(0);
    const banner = page.locator('.banner', { hasText: 'A new version is ready.' });
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.close();
  });
});
