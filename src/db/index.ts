/** The local store: schema, rows, named queries and the one way to record a user's intent. */
export * from './entities.js';
export type { Draft, DraftAttachment, OpOf, OutboxOp, OutboxKind } from './outbox-ops.js';
export {
  attachmentBytes,
  isQuotaError,
  LOCAL_DRAFT_PREFIX,
  MAX_ATTACHMENT_BYTES,
  storeDraftFiles,
  sweepFiles,
  type NewFile,
} from './files.js';
export { openMailDB, DB_NAME, type MailDB, type MailDBOptions } from './schema.js';
export * from './queries.js';
export { recordAction, ActionError } from './actions.js';
export { CountDeltas } from './counts.js';
export { isMailFolder, WELL_KNOWN_ORDER } from './folder-kind.js';
export { localDraftId, newLocalFolderId, isLocalId } from './local-ids.js';
export { removeFolders, isWithin } from './remove-folders.js';
export { foldText, searchTerms, words } from './terms.js';
// A type only: the query itself is imported from people.ts by the composer, so that the first load
// (which imports this index) does not carry it.
export type { Correspondence } from './people.js';
export { outboxMessageIds } from './outbox-refs.js';
export { evictBodies, sweepBodies, BODIES_PER_FOLDER, BODY_KEEP_DAYS } from './evict-bodies.js';
export {
  fieldOf,
  isLive,
  liveEntries,
  namesMessage,
  overlayFolder,
  overlayFolders,
  overlayMessage,
  overlayPage,
  type MessageField,
} from './outbox-overlay.js';
export { canFold, withIds } from './outbox-coalesce.js';
// The outbox's administration (retry, discard, park, take back, notes) is imported from its own
// modules: the first load imports this index, and only the worker and later views need those.
export type { OutboxNote } from './outbox-notes.js';
