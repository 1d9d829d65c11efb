import type { Address } from './entities.js';
import { attachmentBytes, MAX_ATTACHMENT_BYTES } from './files.js';
import { isLocalId } from './local-ids.js';
import type { Draft, DraftAttachment, OutboxOp } from './outbox-ops.js';

/** An intent that cannot be recorded as given; the message says why, in words for people. */
export class ActionError extends Error {
  override name = 'ActionError';
}

// Exchange limits a folder's display name to 255 characters.
const MAX_FOLDER_NAME = 255;
// Outlook's limit for a category's name; it reads commas and semicolons as separators between names.
const MAX_CATEGORY_NAME = 255;
// Loose on purpose: the server has the final word; this only catches what is surely not an address.
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** Checks the shape of an intent before anything is written (the UI may pass anything). */
export function validateAction(op: OutboxOp): void {
  if (typeof op !== 'object' || op === null) throw new ActionError('An action must be an object.');
  switch (op.kind) {
    case 'set-read':
      ids(op.ids);
      if (typeof op.isRead !== 'boolean') throw new ActionError('Read or unread must be true or false.');
      return;
    case 'set-flag':
      ids(op.ids);
      if (op.flag !== 0 && op.flag !== 1 && op.flag !== 2) throw new ActionError('A flag is 0, 1 or 2.');
      return;
    case 'categorize':
      ids(op.ids);
      categoryName(op.category);
      if (typeof op.on !== 'boolean') throw new ActionError('Adding or removing a category must be true or false.');
      return;
    case 'move':
      ids(op.ids);
      text(op.toFolderId, 'The target folder');
      return;
    case 'delete':
      ids(op.ids);
      return;
    case 'send':
      draft(op.draft);
      if ([...op.draft.to, ...op.draft.cc, ...op.draft.bcc].length === 0)
        throw new ActionError('Add at least one recipient before sending.');
      draftTarget(op.draftId, op.draft);
      return;
    case 'save-draft':
      draft(op.draft);
      draftTarget(op.draftId, op.draft);
      return;
    case 'create-folder':
      if (typeof op.parentId !== 'string') throw new ActionError('The parent folder is missing.');
      text(op.tempId, 'The new folder');
      folderName(op.name);
      return;
    case 'rename-folder':
      text(op.id, 'The folder');
      folderName(op.name);
      return;
    case 'delete-folder':
      text(op.id, 'The folder');
      return;
    default:
      throw new ActionError(`Unknown action "${String((op as { kind?: unknown }).kind)}".`);
  }
}

/**
 * A draft already on the server is rewritten with UpdateItem, which cannot add or remove
 * attachments: a list of them there means the draft is made again (`remake`), and only a draft
 * on the server can be. Refused here rather than sent without them, or remade from nothing.
 */
function draftTarget(draftId: string | undefined, d: Draft): void {
  const onServer = draftId !== undefined && !isLocalId(draftId);
  if (draftId !== undefined) text(draftId, 'The draft');
  if (d.remake && !onServer) throw new ActionError('Only a draft saved on the server is made again.');
  if (onServer && d.attachments?.length && !d.remake)
    throw new ActionError('Attachments cannot be changed on a draft already saved on the server.');
}

function ids(list: unknown): void {
  if (!Array.isArray(list) || list.length === 0) throw new ActionError('Select at least one message.');
  for (const id of list) text(id, 'A message');
}

function text(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') throw new ActionError(`${what} has no id.`);
}

function folderName(name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw new ActionError('A folder needs a name.');
  if (name.trim().length > MAX_FOLDER_NAME)
    throw new ActionError(`A folder name has at most ${MAX_FOLDER_NAME} characters.`);
}

/** Whether a category may have this name (the picker offers a new one only then). */
export const isCategoryName = (name: string): boolean => name.length <= MAX_CATEGORY_NAME && !/[,;]/.test(name);

function categoryName(name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw new ActionError('A category needs a name.');
  if (name !== name.trim()) throw new ActionError('A category’s name cannot begin or end with a space.');
  if (name.length > MAX_CATEGORY_NAME)
    throw new ActionError(`A category’s name has at most ${MAX_CATEGORY_NAME} characters.`);
  if (!isCategoryName(name)) throw new ActionError('A category’s name cannot hold a comma or a semicolon.');
}

function draft(d: Draft): void {
  if (typeof d !== 'object' || d === null) throw new ActionError('The message is missing.');
  if (typeof d.subject !== 'string' || typeof d.text !== 'string')
    throw new ActionError('A message needs a subject and a text (either may be empty).');
  for (const list of [d.to, d.cc, d.bcc]) {
    if (!Array.isArray(list)) throw new ActionError('Recipients must be lists of addresses.');
    list.forEach(address);
  }
  if (d.attachments !== undefined) attachments(d.attachments);
}

function attachments(list: DraftAttachment[]): void {
  if (!Array.isArray(list)) throw new ActionError('Attachments must be a list.');
  for (const a of list) {
    if (typeof a?.name !== 'string' || a.name === '') throw new ActionError('An attachment has no name.');
    if (typeof a.contentType !== 'string') throw new ActionError(`"${a.name}" has no content type.`);
    if (!Number.isSafeInteger(a.size) || a.size < 0) throw new ActionError(`"${a.name}" has no valid size.`);
    if (a.kind === 'file') text(a.fileId, `The file "${a.name}"`);
    else if (a.kind === 'forward') {
      text(a.sourceId, `The message "${a.name}" comes from`);
      text(a.attachmentId, `The attachment "${a.name}"`);
    } else throw new ActionError(`"${(a as { name: string }).name}" is neither a file nor a forwarded attachment.`);
  }
  if (attachmentBytes(list) > MAX_ATTACHMENT_BYTES)
    throw new ActionError(
      `The attachments add up to more than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB, the most one message can carry.`,
    );
}

function address(a: Address): void {
  if (typeof a?.email !== 'string' || !EMAIL.test(a.email.trim()))
    throw new ActionError(`"${String(a?.email ?? '')}" is not an e-mail address.`);
}
