import { LOCAL_DRAFT_PREFIX, type DraftAttachment } from '../../db/index.js';
import { createStore } from '../hooks/store.js';

export type ComposeMode = 'new' | 'reply' | 'reply-all' | 'forward';

/** A draft being written on this device, saved in `meta` under `draft:<key>` as the user types. */
export interface LocalDraft {
  key: string;
  mode: ComposeMode;
  sourceId?: string;
  /** The fields as typed, so half-typed addresses are never lost. */
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  /** Files attached (their bytes in the `files` table) and a forward's attachments (references). */
  attachments?: DraftAttachment[];
  /** A forward of a message, or a draft on the server, whose attachments are not on this device. */
  attachmentsUnknown?: boolean;
  /** The message in Drafts this edits: saving rewrites it, sending sends it. */
  draftId?: string;
  /**
   * The draft in `draftId` is on the server and its files were changed here: it is made again
   * with `attachments`. Until then they list the files it has, shown and not sent.
   */
  remake?: true;
  /** That draft's HTML had formatting (styles, tables, pictures) the composer's marks cannot keep. */
  formattingLost?: boolean;
  savedAt: number;
}

/** Files named here are kept by `sweepFiles` while the draft exists. */
export const DRAFT_PREFIX = LOCAL_DRAFT_PREFIX;

export interface ComposeRequest {
  key: string;
  mode: ComposeMode;
  sourceId?: string;
  /** Resume this saved draft instead of starting from the source. */
  resume?: boolean;
  /** Edit this message from Drafts. */
  draftId?: string;
}

/** The composer's window: open while set. */
export const composeRequest = createStore<ComposeRequest | undefined>(undefined);

export function openComposer(mode: ComposeMode, sourceId?: string): void {
  composeRequest.set({ key: crypto.randomUUID(), mode, ...(sourceId !== undefined && { sourceId }) });
}

export function resumeDraft(draft: LocalDraft): void {
  composeRequest.set({
    key: draft.key,
    mode: draft.mode,
    ...(draft.sourceId !== undefined && { sourceId: draft.sourceId }),
    ...(draft.draftId !== undefined && { draftId: draft.draftId }),
    resume: true,
  });
}

/**
 * Opens a message from Drafts in the composer. The key follows the message, so edits typed here
 * and not yet saved to Drafts come back when the same draft is opened again.
 */
export function editDraft(messageId: string): void {
  composeRequest.set({ key: `edit:${messageId}`, mode: 'new', draftId: messageId });
}
