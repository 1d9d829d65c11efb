import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { readAll } from './pages/store.js';
import { signedIn } from './support/signed-in.js';
import { ADA, startTern, type TernServer } from './support/tern-server.js';

describe('another account on the same device', () => {
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

  it('never shows the previous account’s mail, not even for a moment, and keeps none of it', async () => {
    // Demo reads mail here, then leaves without signing out (the session ends by itself).
    const demo = await signedIn(browser, server);
    const demoRows = await readAll<{ id: string; subject: string }>(demo.page, 'messages');
    const demoSubjects = demoRows.map((m) => m.subject);
    expect(demoSubjects.length).toBeGreaterThan(10);
    await browser.context.clearCookies();
    await demo.page.close();

    // Every change to the page, from its first script on, is checked for Demo's subjects.
    // (Before the sign-in the device shows what it holds, offline-first: sign-out is what clears it.)
    const seen = new Set<string>();
    let signedInAsAda = false;
    await browser.context.exposeFunction('__sawSubject', (subject: string) => signedInAsAda && seen.add(subject));
    await browser.context.addInitScript((subjects: string[]) => {
      const report = (window as unknown as { __sawSubject(s: string): void }).__sawSubject;
      new MutationObserver(() => {
        const text = document.getElementById('app')?.textContent ?? '';
        for (const s of subjects) if (s && text.includes(s)) report(s);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, demoSubjects);

    const page = await browser.context.newPage();
    // A far server: the session check takes a while, long enough for the store to show first.
    await page.route('**/api/session', async (route) => {
      if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 700));
      await route.fallback();
    });
    const signingIn = Date.now();
    await page.goto(server.url);
    await page.waitForURL(/\/signin/);
    await page.locator('input[autocomplete="username"]').fill(ADA.user);
    await page.locator('input[autocomplete="current-password"]').fill(ADA.password);
    signedInAsAda = true;
    await page.locator('button[type="submit"]').click();
    const ada = new MailboxPage(page);
    // Her mail shows once the device's store is hers (the page reloads after clearing Demo's), then
    // a whole pass of hers completes.
    await ada.rows.first().waitFor();
    await ada.waitForPass(signingIn);
    const adaRows = await readAll<{ id: string; subject: string }>(page, 'messages');
    const adaSubjects = new Set(adaRows.map((m) => m.subject));
    // Subjects both mailboxes have (a thread between them) prove nothing either way.
    expect([...seen].filter((s) => !adaSubjects.has(s))).toEqual([]);
    expect(demoSubjects.filter((s) => !adaSubjects.has(s)).length).toBeGreaterThan(0);
    // Only Ada's mail is stored now, and the sign-in mark is gone from the address.
    const demoIds = new Set(demoRows.map((m) => m.id));
    expect(adaRows.filter((m) => demoIds.has(m.id))).toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });
});
