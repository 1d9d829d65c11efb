import type { ThrottleOptions } from './throttle.js';
import type { TombstoneOptions } from './tombstone-pruner.js';

/**
 * The embedded EWS mailbox as the HTTP layer sees it. The store, the operation handlers, the
 * seed and SMTP ingress live behind this interface (src/server/mailbox/); the Hono app
 * (src/server/app.ts) adds authentication, wire rules, fault injection and the proxy.
 */
export interface EwsAnswer {
  /** 200 for response messages (including per-message errors), 500 for SOAP faults. */
  status: 200 | 500;
  /** The whole SOAP envelope. */
  body: string;
}

/** A message the mailbox refused to relay because its recipient is not local (like Mailpit). */
export interface OutgoingMessage {
  id: number;
  from: string;
  to: string[];
  subject: string;
  /** The MIME source. */
  mime: string;
  at: number;
}

export interface MailboxOptions {
  /** Folder for the SQLite file, or ':memory:' for tests. */
  dataDir: string;
  /** Messages for the demo user on first start (deterministic; default 2,000). 0 for an empty mailbox. */
  seedMessages?: number;
  /** Password of the demo users (default 'demo'). */
  demoPassword?: string;
  /** Time source in ms (tests move it). */
  clock?: () => number;
  /**
   * Exchange Online-style throttling (see throttle.ts): 5 concurrent sync calls per user, and a
   * per-user budget of 300 requests refilled at 100 a second, unless set here.
   */
  throttle?: Partial<ThrottleOptions>;
  /**
   * How long deletions are remembered for SyncFolderItems (see tombstone-pruner.ts): 30 days,
   * pruned as the mailbox opens and every hour, 5,000 per transaction, unless set here.
   */
  tombstones?: Partial<TombstoneOptions>;
}

export interface Mailbox {
  /** True when `user` (an SMTP address, case-insensitive) exists and `password` is theirs. */
  verify(user: string, password: string): boolean;
  /** True when the address belongs to a local user. */
  hasUser(address: string): boolean;
  /**
   * Answers one SOAP request for `user`. EWS-level problems become per-message errors or SOAP
   * faults; it never throws for bad input. Throttling (5 concurrent sync calls per user and a
   * request budget) answers ErrorServerBusy with BackOffMilliseconds.
   */
  handle(user: string, soap: string): Promise<EwsAnswer>;
  /** Delivers a MIME message to local recipients' Inboxes (SMTP ingress). Returns the addresses that took it. */
  deliver(mime: string | Uint8Array, recipients: string[], from?: string): Promise<string[]>;
  /** Mail to non-local recipients, captured, never relayed. */
  outgoing(): OutgoingMessage[];
  close(): void;
}

/** The embedded mailbox as `openMailbox` returns it: a Mailbox, plus its upkeep. */
export interface EmbeddedMailbox extends Mailbox {
  /**
   * Forgets the tombstones older than the retention window now (runs also happen on their own);
   * resolves with how many went. Clients whose sync state they were still needed for get
   * ErrorInvalidSyncStateData for that folder and sync it again from scratch.
   */
  pruneTombstones(): Promise<number>;
}
