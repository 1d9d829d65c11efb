import { META, type FolderRow, type MessageBefore, type MessageRow, type OutboxEntry } from './entities.js';
import type { Draft, OutboxOp } from './outbox-ops.js';
import type { MailDB } from './schema.js';
import { CountDeltas } from './counts.js';
import { isMailFolder } from './folder-kind.js';
import { localDraftId } from './local-ids.js';
import { isWithin, removeFolders } from './remove-folders.js';
import { coalesce } from './outbox-coalesce.js';
import { withCategory } from './outbox-overlay.js';
import { distinguishedFolder } from './queries.js';
import { searchTerms } from './terms.js';
import { unmarked } from './draft-marks.js';
import { validateAction, ActionError } from './validate-action.js';

export { ActionError };

/**
 * Records one user intent: in **one** transaction, applies it to the local rows (counts
 * included) and appends it to the outbox under an opId minted now, the idempotency key for the
 * whole life of the entry. Resolves only after that transaction committed, so the UI may say
 * "done" or "queued" then and not before; on any error nothing at all was recorded.
 * Bad input (unknown folder, empty id list, no recipient…) rejects with an `ActionError`.
 *
 * Waiting entries the intent supersedes are folded into it (see `coalesce`): "read, then
 * unread" leaves nothing to send, though each intent still had its own opId.
 *
 * `holdUntil`: no pass replays it before then (a send waiting for its Undo); the entries after it
 * that do not depend on it go on meanwhile.
 */
export async function recordAction(
  db: MailDB,
  op: OutboxOp,
  now: number = Date.now(),
  { holdUntil }: { holdUntil?: number } = {},
): Promise<string> {
  validateAction(op);
  const opId = crypto.randomUUID();
  const entry: OutboxEntry = { opId, op, state: 'pending', attempts: 0, createdAt: now };
  if (holdUntil !== undefined) entry.notBefore = holdUntil;
  await enqueue(db, entry, now);
  return opId;
}

/**
 * Applies an entry locally and queues it at the end of the outbox, in one transaction. Also how
 * a parked entry is retried: as if the user did it again now, under the same opId.
 */
export async function enqueue(db: MailDB, entry: OutboxEntry, now: number): Promise<void> {
  await db.transaction('rw', [db.messages, db.bodies, db.folders, db.cursors, db.outbox, db.meta], async () => {
    const counts = new CountDeltas();
    await applyLocally(db, entry, counts, now);
    await counts.apply(db);
    const folded = await coalesce(db, entry);
    if (folded) await db.outbox.add(folded);
  });
}

async function applyLocally(db: MailDB, entry: OutboxEntry, counts: CountDeltas, now: number): Promise<void> {
  const op = entry.op;
  switch (op.kind) {
    case 'set-read':
      return updateRows(db, op.ids, counts, (m) => {
        remember(entry, m.id, { isRead: m.isRead });
        return { ...m, isRead: op.isRead ? 1 : 0 };
      });
    case 'set-flag':
      return updateRows(db, op.ids, counts, (m) => {
        remember(entry, m.id, { flag: m.flag });
        return { ...m, flag: op.flag };
      });
    case 'categorize':
      return updateRows(db, op.ids, counts, (m) => {
        remember(entry, m.id, { categories: m.categories ?? [] });
        return withCategory(m, op.category, op.on);
      });
    case 'move': {
      const target = await mailFolder(db, op.toFolderId);
      return updateRows(db, op.ids, counts, (m) => {
        leaving(entry, m);
        return { ...m, folderId: target.id };
      });
    }
    case 'delete':
      return deleteMessages(db, entry, op.ids, counts);
    case 'send':
      if (op.draftId) await removeMessage(db, op.draftId, counts);
      return;
    case 'save-draft':
      return saveDraft(db, entry, op.draft, op.draftId, counts, now);
    case 'create-folder':
      return createFolder(db, op.parentId, op.name, op.tempId);
    case 'rename-folder': {
      const folder = await userFolder(db, op.id);
      await checkNameFree(db, folder.parentId, op.name, folder.id);
      entry.local = { ...entry.local, folderBefore: { name: folder.name, parentId: folder.parentId } };
      await db.folders.update(folder.id, { name: op.name.trim() });
      return;
    }
    case 'delete-folder':
      return deleteFolder(db, entry, op.id);
  }
}

/** Where a message was before a move or delete, and its Message-ID (which a move keeps). */
function leaving(entry: OutboxEntry, m: MessageRow): void {
  const local = (entry.local ??= {});
  local.origin = { ...local.origin, [m.id]: m.folderId };
  if (m.internetMessageId) local.messageIds = { ...local.messageIds, [m.id]: m.internetMessageId };
}

function remember(entry: OutboxEntry, id: string, before: MessageBefore): void {
  entry.local = { ...entry.local, before: { ...entry.local?.before, [id]: before } };
}

async function updateRows(
  db: MailDB,
  ids: string[],
  counts: CountDeltas,
  change: (m: MessageRow) => MessageRow,
): Promise<void> {
  for (const before of await db.messages.bulkGet(ids)) {
    if (!before) continue; // not synced here (or gone): the server decides
    const after = change(before);
    counts.change(before, after);
    await db.messages.put(after);
  }
}

async function removeMessage(db: MailDB, id: string, counts: CountDeltas): Promise<void> {
  const row = await db.messages.get(id);
  if (!row) return;
  counts.change(row, undefined);
  await db.messages.delete(id);
  await db.bodies.delete(id);
}

/** Delete = move to Deleted Items; from Deleted Items (or below it), delete for good. */
async function deleteMessages(db: MailDB, entry: OutboxEntry, ids: string[], counts: CountDeltas): Promise<void> {
  const trash = await distinguishedFolder(db, 'deleteditems');
  const hard: string[] = [];
  for (const row of await db.messages.bulkGet(ids)) {
    if (!row) continue;
    leaving(entry, row);
    if (trash && !(await isWithin(db, row.folderId, trash.id))) {
      const after = { ...row, folderId: trash.id };
      counts.change(row, after);
      await db.messages.put(after);
      continue;
    }
    if (trash) hard.push(row.id);
    // Without a known Deleted Items folder the row just leaves; the sync brings it back there.
    await removeMessage(db, row.id, counts);
  }
  if (hard.length) entry.local = { ...entry.local, hardDelete: hard };
}

async function saveDraft(
  db: MailDB,
  entry: OutboxEntry,
  draft: Draft,
  draftId: string | undefined,
  counts: CountDeltas,
  now: number,
): Promise<void> {
  const id = draftId ?? localDraftId(entry.opId);
  entry.local = { ...entry.local, draftId: id };
  const before = await db.messages.get(id);
  const known = (await db.bodies.get(id))?.attachments ?? [];
  // The server's files it keeps, still listed; new ones are listed once the server has them.
  const kept = draft.remake
    ? known.filter((a) => draft.attachments?.some((d) => d.kind === 'forward' && d.attachmentId === a.id))
    : known;
  const drafts = before ? undefined : await distinguishedFolder(db, 'drafts');
  const folderId = before?.folderId ?? drafts?.id;
  if (!folderId) return; // Drafts not synced yet: the saved draft appears when it syncs back
  const preview = unmarked(draft.text).replace(/\s+/g, ' ').trim().slice(0, 256);
  const row: MessageRow = {
    changeKey: '',
    ...before,
    id,
    folderId,
    receivedAt: before?.receivedAt ?? now,
    subject: draft.subject,
    to: draft.to,
    cc: draft.cc,
    preview,
    isRead: 1,
    flag: before?.flag ?? 0,
    importance: draft.importance ?? 'Normal',
    hasAttachments: draft.attachments?.length ? 1 : draft.remake ? 0 : (before?.hasAttachments ?? 0),
    size: (draft.html ?? draft.text).length,
    itemClass: 'IPM.Note',
    isDraft: true,
    terms: searchTerms(draft.subject, before?.from, preview),
  };
  // A reply is in the conversation it answers from the start, as the server will file it.
  if (!row.conversationId && draft.source && draft.source.mode !== 'forward') {
    const answered = await db.messages.get(draft.source.id);
    if (answered?.conversationId) row.conversationId = answered.conversationId;
  }
  // Kept so the draft opens again with its Bcc (the server shows it only on drafts and sent mail).
  if (draft.bcc.length) row.bcc = draft.bcc;
  else delete row.bcc;
  counts.change(before, row);
  await db.messages.put(row);
  const content = draft.html ?? draft.text;
  await db.bodies.put({
    id,
    type: draft.html !== undefined ? 'html' : 'text',
    content,
    attachments: kept,
    fetchedAt: now,
    size: content.length,
  });
}

async function createFolder(db: MailDB, parentId: string, name: string, tempId: string): Promise<void> {
  if (await db.folders.get(tempId)) throw new ActionError(`A folder with the id ${tempId} already exists.`);
  const root = await rootFolderId(db);
  if (parentId !== '' && parentId !== root) await mailFolder(db, parentId);
  const parent = parentId === '' ? root : parentId;
  await checkNameFree(db, parent, name);
  await db.folders.add({
    id: tempId,
    parentId: parent,
    name: name.trim(),
    kind: 'Folder',
    folderClass: 'IPF.Note',
    total: 0,
    unread: 0,
    childCount: 0,
  });
}

async function deleteFolder(db: MailDB, entry: OutboxEntry, id: string): Promise<void> {
  const folder = await userFolder(db, id);
  for (const f of await db.folders.toArray())
    if (f.distinguished && (await isWithin(db, f.id, folder.id)))
      throw new ActionError(`"${folder.name}" holds the ${f.name} folder, which cannot be deleted.`);
  entry.local = { ...entry.local, folderBefore: { name: folder.name, parentId: folder.parentId } };
  const trash = await distinguishedFolder(db, 'deleteditems');
  if (trash && !(await isWithin(db, folder.id, trash.id))) {
    await db.folders.update(folder.id, { parentId: trash.id });
    return;
  }
  // For good: the folder and every folder below it, so the replay knows what goes with it.
  const removed = await removeFolders(db, [folder.id]);
  if (trash) entry.local = { ...entry.local, hardDelete: removed };
}

async function mailFolder(db: MailDB, id: string): Promise<FolderRow> {
  const folder = await db.folders.get(id);
  if (!folder) throw new ActionError(`There is no folder with the id ${id}.`);
  if (!isMailFolder(folder)) throw new ActionError(`"${folder.name}" does not hold mail.`);
  return folder;
}

/** A mail folder the user may rename or delete (not Inbox, Drafts, Sent Items…). */
async function userFolder(db: MailDB, id: string): Promise<FolderRow> {
  const folder = await mailFolder(db, id);
  if (folder.distinguished) throw new ActionError(`"${folder.name}" is a special folder: it cannot be changed.`);
  return folder;
}

async function checkNameFree(db: MailDB, parentId: string, name: string, self?: string): Promise<void> {
  const wanted = name.trim().toLowerCase();
  const siblings = await db.folders.where('parentId').equals(parentId).toArray();
  const clash = siblings.find((f) => f.id !== self && f.name.toLowerCase() === wanted);
  if (clash) throw new ActionError(`A folder named "${clash.name}" already exists there.`);
}

/** msgfolderroot is never stored; its id is what top-level folders name as their parent. */
async function rootFolderId(db: MailDB): Promise<string> {
  const known = (await db.meta.get(META.distinguished))?.value as Record<string, string> | undefined;
  return known?.['msgfolderroot'] ?? (await distinguishedFolder(db, 'inbox'))?.parentId ?? '';
}
