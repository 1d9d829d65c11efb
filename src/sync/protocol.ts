/**
 * The one map of messages between pages and the service worker (types only). Data never travels
 * here: the worker writes IndexedDB and pages' live queries re-run. Messages start work and
 * report status.
 */

/** Why a pass was asked for. */
export type SyncReason = 'startup' | 'online' | 'focus' | 'poll' | 'user' | 'outbox' | 'background' | 'open-folder';

/** Page → worker. */
export type SyncCommands = {
  /** Run a pass now (single-flight: joins the pass in flight). `folderId`: also sync this folder first. */
  'sync-now': { reason: SyncReason; folderId?: string };
  /** The page saw `online`/`offline` (the worker gets no such events). */
  'network-changed': { online: boolean };
  /** "Work offline": stop all traffic until resumed. */
  'set-paused': { paused: boolean };
  /** Fetch one body now because the user opened the message. */
  'fetch-body': { messageId: string };
  /** Ask for the current status (a new tab). */
  'get-status': Record<never, never>;
  /**
   * Take over this page: it loaded while the first worker was activating, so the claim made on
   * activation missed it, and without a controller it would not open offline until a reload.
   */
  claim: Record<never, never>;
};

export type Command = { [K in keyof SyncCommands]: { type: K } & SyncCommands[K] }[keyof SyncCommands];

/** The connection state, derived in one place and published to every tab. */
export type ConnectionState =
  | { kind: 'online' }
  | { kind: 'offline' }
  | { kind: 'unreachable' }
  | { kind: 'signin-needed' }
  | { kind: 'throttled'; until: number }
  | { kind: 'paused' };

export type SyncPhase = 'idle' | 'pushing' | 'hierarchy' | 'folders' | 'items' | 'bodies' | 'reconcile';

/**
 * What went wrong, as data: the page words it in the reader's language (ui/format/sync-error-text.ts),
 * so the worker carries no sentences.
 */
export interface SyncErrorInfo {
  kind: 'offline' | 'paused' | 'unreachable' | 'auth' | 'throttled' | 'server' | 'unreadable' | 'storage' | 'bug';
  /**
   * What exactly: the EWS response code or fault code (server), the codec's error kind
   * (unreadable), `quota` or `closed` (storage), `expired` (auth: the session ended), the
   * error's own message (bug).
   */
  code?: string;
  /** When the engine tries again by itself, or the server's back-off ends. */
  retryAt?: number;
  at: number;
}

export interface SyncStatus {
  connection: ConnectionState;
  phase: SyncPhase;
  /** The folder being synced, by display name. */
  folder?: string;
  /** Messages done / total in this pass (counted in messages, not folders). */
  done: number;
  total: number;
  backOffUntil?: number;
  lastError?: SyncErrorInfo;
  lastSynced?: number;
  pendingOutbox: number;
}

/** Worker → pages. */
export type SyncEvents = {
  'sync-status': SyncStatus;
  /** A body the page asked for is stored (or could not be fetched). */
  'body-ready': { messageId: string; ok: boolean; error?: SyncErrorInfo };
  /** The user clicked a new-mail notification: the window shows that mail. */
  'open-mail': AlertData;
};

/** What a new-mail notification carries (src/ui/new-mail.ts shows it, src/sw/sw.ts opens it on a click). */
export interface AlertData {
  folderId: string;
  /** Set when the notification is about one message. */
  messageId?: string;
}

export type SyncEvent = { [K in keyof SyncEvents]: { type: K } & SyncEvents[K] }[keyof SyncEvents];

export function isCommand<K extends keyof SyncCommands>(data: unknown, type: K): data is { type: K } & SyncCommands[K] {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}
