import { BODIES_PER_FOLDER } from '../db/index.js';

/** What a pass may do and how hard it may push. Every field has a default (`DEFAULT_SETTINGS`). */
export interface SyncSettings {
  /** Pages poll this often (s). */
  pollSeconds: number;
  /** Ids per GetItem of summaries; Microsoft advises 10 to stay within the batch time limit. */
  getItemBatch: number;
  /** Ask SyncFolderItems for the summary properties inline instead of GetItem after it. */
  summaryInline: boolean;
  /** SyncFolderItems page size, 1–512. */
  maxChangesReturned: number;
  /** Folders other than the Inbox and the open one are synced at least this often (s), or when their counts change. */
  fullPollSeconds: number;
  /** Bodies of the newest mail are fetched ahead, within this many bytes of message size. */
  bodyBudgetBytes: number;
  /** …and at most this many per folder. */
  bodiesPerFolder: number;
  /** Ids per GetItem of bodies. */
  bodyBatch: number;
  prefetchBodies: boolean;
  /** Re-list every folder's ids this often (s) to catch what the server forgot. */
  reconcileSeconds: number;
  /** Requests in flight per mailbox, and of those, SyncFolderItems/SyncFolderHierarchy calls. */
  maxRequests: number;
  maxSyncCalls: number;
  /**
   * A back-off up to this long (ms) is waited out inside the pass, then the same request is sent
   * again (Evolution does the same); a longer one ends the pass and a later pass resumes.
   */
  waitInlineMs: number;
  /** Exponential back-off without a server hint: first delay and cap (ms). */
  backoffMinMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SETTINGS: SyncSettings = {
  pollSeconds: 60,
  getItemBatch: 10,
  summaryInline: false,
  maxChangesReturned: 512,
  fullPollSeconds: 600,
  bodyBudgetBytes: 20 * 1024 * 1024,
  bodiesPerFolder: BODIES_PER_FOLDER,
  bodyBatch: 5,
  prefetchBodies: true,
  reconcileSeconds: 24 * 3600,
  // Exchange Online allows 27 concurrent EWS requests and about 5 concurrent sync calls per user;
  // staying far below leaves room for the user's other clients.
  maxRequests: 4,
  maxSyncCalls: 2,
  // Exchange Online's ConcurrentSyncCalls answer suggests 5 s; a service worker may be stopped
  // after 30 s without an event, so longer waits end the pass instead.
  waitInlineMs: 15_000,
  // 10 s doubling, as exchangelib's FaultTolerance, but held at 5 min rather than its hour: a
  // server out of reach (a train's Wi-Fi without internet sends no "online" event when it comes
  // back) is seen back, and what waits in the outbox sent, within minutes. Exchange's own busy
  // answers say how long to wait and are obeyed as they say.
  backoffMinMs: 10_000,
  backoffMaxMs: 300_000,
};
