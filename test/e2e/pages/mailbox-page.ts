import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO } from '../support/tern-server.js';
import { readAll, readMeta } from './store.js';

/** The mail client as a person sees it: folders, the list, the reader, the status bar. */
export class MailboxPage {
  constructor(readonly page: Page) {}

  /** Opens the app signed out: it sends us to the server's sign-in form, which we fill. */
  static async signIn(page: Page, url: string, account: { user: string; password: string } = DEMO) {
    await page.goto(url);
    return MailboxPage.fillSignIn(page, account);
  }

  /** Fills the server's sign-in form, which this page is on or on its way to, and waits for the mail. */
  static async fillSignIn(page: Page, account: { user: string; password: string } = DEMO) {
    await page.waitForURL(/\/signin/);
    await page.locator('input[autocomplete="username"]').fill(account.user);
    await page.locator('input[autocomplete="current-password"]').fill(account.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    const mailbox = new MailboxPage(page);
    // The folders may be off screen (on a phone); the list is there whatever the screen.
    await mailbox.folder('inbox').waitFor({ state: 'attached' });
    await page.locator('.list-header h2').waitFor();
    return mailbox;
  }

  /** A folder link by well-known name (inbox, sentitems…) or display name for user folders. */
  folder(name: string): Locator {
    return this.page.locator(`.folder-tree a[data-folder="${name}"]`);
  }

  /** The unread badge of a folder; empty when it has none. */
  async unread(name: string): Promise<number> {
    const badge = this.folder(name).locator('.count');
    return (await badge.count()) ? Number((await badge.innerText()).replace(/\D/g, '')) : 0;
  }

  get rows(): Locator {
    return this.page.locator('.list-pane [role=option]');
  }

  row(subject: string): Locator {
    return this.rows.filter({ has: this.page.locator('.subject', { hasText: subject }) }).first();
  }

  rowById(id: string): Locator {
    return this.page.locator(`.list-pane [role=option][data-id="${id.replace(/["\\]/g, '\\$&')}"]`);
  }

  get reader(): Locator {
    return this.page.locator('.reader-pane');
  }

  get connection(): Locator {
    return this.page.locator('.status-bar .connection');
  }

  get outboxCount(): Locator {
    return this.page.locator('.status-bar .outbox-count');
  }

  /**
   * Waits until every change has reached the server: the outbox as stored is empty. (The status
   * bar's count says 0 until it has first read the store, so right after an action it may say 0
   * with the entry waiting.)
   */
  async drained(timeout = 60_000): Promise<void> {
    await expect.poll(async () => (await readAll(this.page, 'outbox')).length, { timeout }).toBe(0);
  }

  get progress(): Locator {
    return this.page.locator('.status-bar progress');
  }

  /**
   * Opens one message (which marks it read), flags a second with `s` and deletes a third with `#`,
   * and waits until the list shows each: the everyday changes an outbox must carry.
   */
  async readFlagDelete(ids: { read: string; flag: string; delete: string }): Promise<void> {
    await this.rowById(ids.read).click();
    await expect.poll(() => this.rowById(ids.read).getAttribute('class')).not.toContain('unread');
    await this.rowById(ids.flag).click();
    await this.page.keyboard.press('s');
    await expect.poll(() => this.rowById(ids.flag).getAttribute('class')).toContain('flagged');
    await this.rowById(ids.delete).click();
    await this.page.keyboard.press('#');
    await this.rowById(ids.delete).waitFor({ state: 'detached' });
  }

  async openFolder(name: string): Promise<void> {
    await this.folder(name).click();
    await this.page.locator('.list-header h2').waitFor();
  }

  /** When the worker last finished a pass (ms), as it stored it. */
  async lastSynced(): Promise<number> {
    return ((await readMeta(this.page, 'lastSynced')) as number | undefined) ?? 0;
  }

  /** Waits for a pass that finished after `since` (default: now). */
  async waitForPass(since: number = Date.now(), timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while ((await this.lastSynced()) <= since) {
      if (Date.now() > deadline) throw new Error('No sync pass finished in time');
      await this.page.waitForTimeout(200);
    }
  }
}
