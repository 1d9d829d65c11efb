import type { Address, FlagState } from './entities.js';

/** A message being written: compose, reply, reply-all, forward. */
export interface Draft {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  /** Plain text always; HTML when the user used formatting. */
  text: string;
  html?: string;
  /** The message this one answers or forwards (local id), for In-Reply-To/References and threading. */
  source?: { id: string; mode: 'reply' | 'reply-all' | 'forward' };
  importance?: 'Low' | 'Normal' | 'High';
  /** Files to send with it, in the order the user attached them. */
  attachments?: DraftAttachment[];
  /**
   * Set on a draft already on the server whose files changed: UpdateItem cannot add or remove a
   * draft's files, so the draft is made again with `attachments` (the files it keeps listed as
   * `forward`, fetched from it) and the old one deleted.
   */
  remake?: true;
}

/**
 * A file attached to a draft: one the user picked on this device (its bytes wait in the `files`
 * table under `fileId`), or one of the forwarded message's attachments, which stays on the server
 * and is fetched (GetAttachment) only when the send replays, so forwarding works offline.
 */
export type DraftAttachment =
  | { kind: 'file'; fileId: string; name: string; contentType: string; size: number }
  | {
      kind: 'forward';
      /** The forwarded message's local id. */
      sourceId: string;
      /** Its Message-ID, to find it again (`retryEntry`) if another mail program moved it. */
      messageId?: string;
      attachmentId: string;
      name: string;
      contentType: string;
      size: number;
    };

/**
 * One user intent, as recorded in the outbox. Each applies to the local rows at once (in the same
 * transaction that records it) and reaches the server in the next pass, oldest first.
 */
export type OutboxOp =
  | { kind: 'set-read'; ids: string[]; isRead: boolean }
  | { kind: 'set-flag'; ids: string[]; flag: FlagState }
  /**
   * Adds one category to the messages, or takes it off (`on: false`). It names one category, not
   * the whole list, so that what another client did to the others meanwhile is kept.
   */
  | { kind: 'categorize'; ids: string[]; category: string; on: boolean }
  /** Move to another folder (archive is a move to the Archive folder). */
  | { kind: 'move'; ids: string[]; toFolderId: string }
  /** Delete: to Deleted Items, or for good when already there. */
  | { kind: 'delete'; ids: string[] }
  /** Send; `draftId` names a saved draft that this send replaces (it leaves Drafts). */
  | { kind: 'send'; draft: Draft; draftId?: string }
  | { kind: 'save-draft'; draft: Draft; draftId?: string }
  | { kind: 'create-folder'; parentId: string; name: string; tempId: string }
  | { kind: 'rename-folder'; id: string; name: string }
  | { kind: 'delete-folder'; id: string };

/** The intents of the given kinds. */
export type OpOf<K extends OutboxOp['kind']> = Extract<OutboxOp, { kind: K }>;

export type OutboxKind = OutboxOp['kind'];
