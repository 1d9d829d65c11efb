import type { OutboxOp } from './outbox-ops.js';

/**
 * Rows of the local store. The UI reads only these; the engine writes them. Flags that are
 * queried are stored as 0/1 numbers because IndexedDB cannot index booleans.
 */

/** A mail folder as the UI shows it. `total` and `unread` are stored numbers kept current by the engine. */
export interface FolderRow {
  id: string;
  changeKey?: string;
  /** The parent's id as the server gave it; top-level folders name msgfolderroot, which is not stored. */
  parentId: string;
  name: string;
  /** The EWS element: only `Folder` holds mail (calendars, contacts, tasks and search folders are skipped). */
  kind: 'Folder' | 'CalendarFolder' | 'ContactsFolder' | 'SearchFolder' | 'TasksFolder';
  /** EWS FolderClass (IPF.Note for mail); folders without one are treated as mail. */
  folderClass: string;
  /** inbox, drafts, sentitems, deleteditems, junkemail, outbox, archive… when the server said so. */
  distinguished?: string;
  total: number;
  unread: number;
  childCount: number;
  /** When the user last opened it (ms since epoch): folders are synced by recent use after the Inbox. */
  usedAt?: number;
  /** Generation of the hierarchy re-list that last saw this folder (mark and sweep). */
  mark?: number;
}

/** Per-folder sync bookkeeping, shown on the diagnostics page. */
export interface SyncCursor {
  /** A folder id, or HIERARCHY_CURSOR for SyncFolderHierarchy. */
  key: string;
  /** The opaque EWS SyncState; stored exactly as received, never trimmed. Absent before the first page. */
  syncState?: string;
  /** True once a pass reached IncludesLastItemInRange with this state. */
  complete: boolean;
  updatedAt: number;
  /** When a reconciliation pass last re-listed every id of the folder. */
  lastVerified?: number;
  /** Human sentence for the last result ("Up to date", "Server busy: retry at 10:42"…). */
  lastResult?: string;
  /** Counts the server reported on the last GetFolder. */
  serverTotal?: number;
  serverUnread?: number;
  /** The server's counts when this folder last finished a sync: a change means there is news. */
  seenTotal?: number;
  seenUnread?: number;
  /** When this folder last reached IncludesLastItemInRange (ms). */
  lastSync?: number;
  /**
   * Set while the folder is re-listed from no state (invalid state or reconciliation): rows seen by
   * the re-list carry this mark; the rest are deleted once the re-list completes, never before.
   */
  sweep?: number;
  /** The generation of the latest re-list, kept after it completes: the next one must be newer. */
  lastMark?: number;
  /** Ids whose GetItem failed for a reason other than "not found": fetched again next pass. */
  retryIds?: string[];
}

export const HIERARCHY_CURSOR = '#hierarchy';

export interface Address {
  name: string;
  email: string;
}

/** EWS FlagStatus as a number so it can be indexed: 0 NotFlagged, 1 Flagged, 2 Complete. */
export type FlagState = 0 | 1 | 2;

/** A message summary: everything a list row needs, nothing more (bodies live apart). */
export interface MessageRow {
  id: string;
  changeKey: string;
  folderId: string;
  /** DateTimeReceived in ms since epoch; the list is newest first on [folderId+receivedAt]. */
  receivedAt: number;
  sentAt?: number;
  subject: string;
  from?: Address;
  to: Address[];
  cc: Address[];
  /** Only where the server shows it: drafts and sent mail. */
  bcc?: Address[];
  /** Where the sender asked replies to go (a mailing list, a help desk), when not to them. */
  replyTo?: Address[];
  preview: string;
  isRead: 0 | 1;
  flag: FlagState;
  importance: 'Low' | 'Normal' | 'High';
  hasAttachments: 0 | 1;
  size: number;
  conversationId?: string;
  internetMessageId?: string;
  /** IPM.Note, IPM.Schedule.Meeting.Request… */
  itemClass: string;
  /** Outlook's categories (the user's own labels), when it has any. */
  categories?: string[];
  /** Lower-case words of subject, sender and preview, for search as you type (multi-entry index). */
  terms: string[];
  isDraft?: boolean;
  /** Generation of the folder re-list that last saw this row (mark and sweep; see SyncCursor.sweep). */
  mark?: number;
}

export interface AttachmentMeta {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
}

/** A message body, fetched separately so lists stay small; prefetched for recent mail. */
export interface BodyRow {
  id: string;
  type: 'html' | 'text';
  content: string;
  attachments: AttachmentMeta[];
  fetchedAt: number;
  /** Characters stored, for the prefetch budget. */
  size: number;
}

/**
 * `pending`: in line for the next pass. `sending`: a pass is replaying it now (left so by a pass
 * that died: its outcome is unknown). `failed`: the server refused it for a reason that may pass;
 * tried again after `notBefore`. `parked`: it cannot succeed as it is (the folder is gone, the
 * server rejects it, too many failures); its local effect is undone and it waits for the user's
 * Retry or Discard, holding up nothing.
 */
export type OutboxState = 'pending' | 'sending' | 'failed' | 'parked';

/** A message's read state, flag or categories as they were before an intent changed them (to undo it). */
export interface MessageBefore {
  isRead?: 0 | 1;
  flag?: FlagState;
  categories?: string[];
}

/**
 * Why an outbox entry failed, waits or was parked, or what a note about one says, as data: the
 * page words it in the reader's language (ui/format/outbox-reason-text.ts), so the worker that
 * writes it carries no sentences.
 */
export type OutboxReason = (
  | {
      /** The server answered this EWS response code (or fault code) for the change. */
      code: 'refused';
      ews: string;
      /** The server's own MessageText, when it gave one. */
      detail?: string;
    }
  /** No response message came back for the change. */
  | { code: 'no-answer' }
  /** The server's answer could not be decoded. */
  | { code: 'unreadable' }
  /** The connection broke every time the change was sent (MAX_LOST in sync/push.ts). */
  | { code: 'connection' }
  /** Tern itself failed; `detail` is the error's message. */
  | { code: 'bug'; detail: string }
  /** Looking for an earlier attempt's message, the server did not say whether it was sent. */
  | { code: 'unknown-sent' }
  /** A send's message is neither in Drafts nor in Sent Items: sending again could make a copy. */
  | { code: 'send-lost' }
  /** It waits for a folder or draft it needs to be created on the server first. */
  | { code: 'waiting' }
  /** What it needs was discarded. */
  | { code: 'needs-discarded' }
  /** What it needs was parked, for `cause`. */
  | { code: 'needs-failed'; cause?: OutboxReason | string }
  /** A delete for good that would take messages whose move out of the folder is parked. */
  | { code: 'holds-moved'; count: number }
  /** A folder named `name` could not be created: its parent (`folder`, when known here) is gone. */
  | { code: 'parent-gone'; name: string; folder?: string }
  /** `count` messages could not move: the target folder (`folder`, when known here) is gone. */
  | { code: 'target-gone'; folder?: string; count?: number }
  /** Note: `count` messages were deleted on the server before the change reached them. */
  | { code: 'messages-gone'; count: number }
  /** Note: the folder was deleted on the server before the rename reached it. */
  | { code: 'folder-gone' }
  /** Note: `count` changes that needed a discarded one were discarded with it. */
  | { code: 'discarded-too'; count: number }
  /** Note: a discarded send left its unsent message in Drafts on the server. */
  | { code: 'kept-in-drafts' }
  /** The forwarded message is gone from the server, so its attachment `name` cannot go with it. */
  | { code: 'original-gone'; name: string }
  /** The bytes of the attached file `name` are no longer on this device. */
  | { code: 'file-missing'; name: string }
) & {
  /** Parked after this many attempts the server answered with trouble. */
  attempts?: number;
};

/** One user intent waiting to reach the server, oldest first (see src/sync/push.ts). */
export interface OutboxEntry {
  seq?: number;
  /** Minted once, at the moment of intent; the idempotency key for the whole life of the entry. */
  opId: string;
  op: OutboxOp;
  state: OutboxState;
  /** Attempts the server answered with an error. */
  attempts: number;
  createdAt: number;
  /**
   * Not before this time (ms): when the last attempt failed transiently, or while a send waits
   * for its Undo (see `recordAction`'s `holdUntil`).
   */
  notBefore?: number;
  /**
   * What went wrong, or what it waits for, as data the Outbox view words in the reader's language.
   * Rows written by older versions hold a sentence instead, shown as it is.
   */
  error?: OutboxReason | string;
  /** When it was parked (ms). */
  parkedAt?: number;
  /**
   * What the local effect decided and the replay must follow: ids that were already in Deleted
   * Items (deleted for good), the local id given to a new draft, where moved messages came from,
   * and what read states, flags and folder names were before, so a parked or discarded intent can
   * be undone locally.
   */
  local?: {
    hardDelete?: string[];
    draftId?: string;
    /** Where moved (or deleted) messages were before (id → folder id), to put them back. */
    origin?: Record<string, string>;
    /**
     * Moved or deleted messages' Message-IDs (id → Message-ID): a move whose answer was lost is
     * found again by it, even after the row is gone here.
     */
    messageIds?: Record<string, string>;
    /** Read state, flag or categories before this intent, by message id. */
    before?: Record<string, MessageBefore>;
    /** A renamed or deleted folder's name and parent before this intent. */
    folderBefore?: { name: string; parentId: string };
  };
  /** Steps already done on the server, so a retry resumes instead of repeating them. */
  progress?: {
    draftId?: string;
    draftChangeKey?: string;
    /** An attempt was cut off by the connection: its outcome on the server is unknown. */
    tried?: boolean;
    /** Answers lost while the server was otherwise answering: a poison entry, after a few. */
    lost?: number;
  };
}

/**
 * A file the user attached on this device, kept until nothing refers to it any more (no local
 * draft, no outbox entry): see `sweepFiles`. IndexedDB stores the Blob itself, outside hot rows.
 */
export interface FileRow {
  id: string;
  blob: Blob;
  name: string;
  contentType: string;
  size: number;
  createdAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Keys of the `meta` table. */
export const META = {
  /** `Throttle`: no request of any kind before `until`, from any context. */
  throttle: 'throttle',
  /** ms of the last pass that completed. */
  lastSynced: 'lastSynced',
  /** `{ [distinguishedName]: folderId }` for msgfolderroot, inbox, drafts… */
  distinguished: 'distinguished',
  /** ms of the last daily removal of bodies nothing needs (src/sync/evict-bodies.ts). */
  bodiesSwept: 'bodiesSwept',
} as const;

/** Meta key: `true` while the user works offline, no request from the worker or the page, across restarts. */
export const WORK_OFFLINE = 'workOffline';

/** The shared back-off, persisted so the worker and every tab obey it. */
export interface Throttle {
  /** ms since epoch; no request before this. */
  until: number;
  /** Consecutive back-offs without a server hint (drives the exponential delay). */
  attempt: number;
}
