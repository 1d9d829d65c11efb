import type { Page } from 'playwright-core';
import type { Browser } from '../pages/browser.js';
import { MailboxPage } from '../pages/mailbox-page.js';
import { DEMO, type TernServer } from './tern-server.js';

/** App settings a test wants before the first load (stored where the settings menu keeps them). */
export async function presetSettings(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.addInitScript((s) => {
    if (!localStorage.getItem('tern.settings')) localStorage.setItem('tern.settings', JSON.stringify(s));
  }, settings);
}

/** A page signed in as `account` whose worker has finished its first full pass. */
export async function signedIn(
  browser: Browser,
  server: TernServer,
  options: { settings?: Record<string, unknown>; account?: { user: string; password: string } } = {},
): Promise<MailboxPage> {
  const page = await browser.context.newPage();
  if (options.settings) await presetSettings(page, options.settings);
  const mailbox = await MailboxPage.signIn(page, server.url, options.account ?? DEMO);
  await mailbox.waitForPass(0);
  return mailbox;
}
