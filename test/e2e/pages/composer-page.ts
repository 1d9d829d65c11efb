import type { Locator, Page } from 'playwright-core';

/** The composer window: fields by their labels, Send, Close. */
export class ComposerPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ComposerPage> {
    await page.locator('.compose-button').click();
    const composer = new ComposerPage(page);
    await composer.dialog.waitFor();
    return composer;
  }

  get dialog(): Locator {
    return this.page.locator('dialog.composer[open]');
  }

  async fill(fields: { to?: string; subject?: string; body?: string }): Promise<void> {
    if (fields.to !== undefined) await this.dialog.locator('input[name="to"]').fill(fields.to);
    if (fields.subject !== undefined) await this.dialog.locator('input[name="subject"]').fill(fields.subject);
    if (fields.body !== undefined) await this.dialog.locator('textarea[name="body"]').fill(fields.body);
  }

  /** Sends and waits for the window to close, which happens only once the send is recorded. */
  async send(): Promise<void> {
    await this.dialog.locator('button[type="submit"]').click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
