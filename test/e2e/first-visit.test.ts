import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './pages/browser.js';
import { MailboxPage } from './pages/mailbox-page.js';
import { readAll } from './pages/store.js';
import { addFaults, serverFolders, startTern, type TernServer } from './support/tern-server.js';

describe('first visit', () => {
  let server: TernServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTern({ seedMessages: 300 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, shows the Inbox while the rest syncs, moves the progress bar, and ends with the server’s counts', async () => {
    // Slow every folder sync a little, so "while the rest is still syncing" is a moment a test can see.
    await addFaults(server, [{ kind: 'latency', op: 'SyncFolderItems', ms: 400, count: 1000 }]);
    const page = await browser.context.newPage();
    // Record every value the progress bar takes, from the first paint on.
    await page.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { __progress: number[] }).__progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('.status-bar progress');
        if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });

    const mailbox = await MailboxPage.signIn(page, server.url);
    await mailbox.rows.first().waitFor();
    // The Inbox has rows on screen, and no pass has finished: other folders are still coming.
    expect(await mailbox.lastSynced()).toBe(0);
    expect(await mailbox.rows.count()).toBeGreaterThan(0);

    await mailbox.waitForPass(0, 120_000);
    const progress = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...progress)).toBeGreaterThan(Math.min(...progress));

    // Every mail folder the server has is stored with its counts, and in the tree with its unread
    // count, but for the server's Outbox while it is empty (Tern's own outbox stands for it).
    const folders = (await serverFolders(server.mailbox)).filter(
      (f) => f.kind === 'Folder' && (!f.folderClass || f.folderClass.startsWith('IPF.Note')),
    );
    expect(folders.length).toBeGreaterThan(3);
    const local = new Map(
      (await readAll<{ id: string; total: number; unread: number; distinguished?: string }>(page, 'folders')).map(
        (f) => [f.id, f],
      ),
    );
    const outbox = [...local.values()].find((f) => f.distinguished === 'outbox');
    expect(outbox).toMatchObject({ total: 0 });
    const linkTo = (id: string) => page.locator(`.folder-tree a[href="#/mail/${encodeURIComponent(id)}"]`);
    for (const f of folders) {
      const id = f.folderId!.id;
      expect(local.get(id), f.displayName).toMatchObject({ total: f.totalCount, unread: f.unreadCount });
      if (id === outbox!.id) continue;
      const link = linkTo(id);
      await expect.poll(() => link.count(), { message: f.displayName }).toBe(1);
      const badge = link.locator('.count');
      const shown = (await badge.count()) ? Number((await badge.innerText()).replace(/\D/g, '')) : 0;
      expect(shown, f.displayName).toBe(f.unreadCount ?? 0);
    }
    expect(await linkTo(outbox!.id).count()).toBe(0);
  });
});
