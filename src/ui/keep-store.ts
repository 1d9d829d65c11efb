/**
 * An installed Tern asks the browser to keep its store (SECURITY.md §6.2). Chromium grants an
 * installed app persistent storage without a prompt, which keeps the outbox and the mail out of
 * eviction under storage pressure. In a tab it does not ask by itself (Firefox would prompt on
 * the first visit): the diagnostics page offers it, and so does the notice of a store lost.
 */
export async function keepStoreWhenInstalled(): Promise<void> {
  const storage = navigator.storage;
  if (typeof storage?.persist !== 'function' || !matchMedia('(display-mode: standalone)').matches) return;
  if (await storage.persisted()) return;
  await storage.persist();
}
