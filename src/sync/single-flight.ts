/** The Web Lock every context takes around a pass: one pass at a time per mailbox. */
export const SYNC_LOCK = 'tern-sync';

/**
 * Runs `fn` under the cross-context lock when Web Locks exist (pages and workers); without
 * them (Node tests) the caller's in-flight promise is the only guard. `ifAvailable`: when another
 * context holds the lock, skip instead of queueing (it is doing the same work) and resolve
 * `undefined`.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Web_Locks_API
 */
export async function withSyncLock<T>(fn: () => Promise<T>, ifAvailable: boolean): Promise<T | undefined> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request(SYNC_LOCK, { ifAvailable }, (lock) => (lock ? fn() : undefined));
}
