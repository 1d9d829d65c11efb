import type { BrowserContext, Page } from 'playwright-core';
import type { TernServer } from '../support/tern-server.js';

/**
 * Offline in one place. `context.setOffline(true)` makes fetch fail in pages and in the service
 * worker in the Chromium we test with; older Playwright/Chromium pairs let worker traffic through
 * (microsoft/playwright#2311), so the server is stopped too and the test holds either way.
 */
export async function goOffline(context: BrowserContext, server: TernServer): Promise<void> {
  await context.setOffline(true);
  await server.stop();
}

/**
 * Reloads a page while offline. A document Chromium loads during Playwright's offline emulation
 * starts with `navigator.onLine === true` (fetches still fail); setting the emulation again
 * applies it to the new document, as a real loss of network would be from the start.
 */
export async function reloadOffline(context: BrowserContext, page: Page): Promise<void> {
  await page.reload();
  await context.setOffline(false);
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
}

/** Back online: server up first, then the network, so the page's `online` event finds it. */
export async function goOnline(context: BrowserContext, server: TernServer): Promise<void> {
  await server.start();
  await context.setOffline(false);
}

/** Requests to the app's origin, by who made them, for "only the worker talks to /ews". */
export function countRequests(context: BrowserContext, origin: string) {
  const counts = { page: new Map<string, number>(), worker: new Map<string, number>() };
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin) return;
    const side = req.serviceWorker() ? counts.worker : counts.page;
    side.set(url.pathname, (side.get(url.pathname) ?? 0) + 1);
  });
  return counts;
}

/** Waits until the page reports it is online again (its `online` event fired). */
export async function waitOnline(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.onLine);
}
