import type { OutboxEntry } from './entities.js';
import type { Draft } from './outbox-ops.js';
import { fieldOf, isLive, namesMessage, type MessageField } from './outbox-overlay.js';
import type { MailDB } from './schema.js';

/**
 * An earlier entry a new intent may be folded into: still waiting, never started, its outcome
 * known. One that a pass is replaying (`sending`), that may have reached the server (`tried`),
 * or that created something there already is left alone; so is a parked one, which the user
 * decides about.
 */
export const canFold = (e: OutboxEntry): boolean =>
  (e.state === 'pending' || e.state === 'failed') && !e.progress?.tried && !e.progress?.draftId;

/**
 * Folds a new intent into the waiting entries it supersedes, inside the transaction that
 * records it: read then unread, flag toggles, a move then a move, a delete after a move, a draft
 * saved twice, a folder renamed twice. What is left is the user's last word, once: "read, unread,
 * read" is one request. It is still sent when it puts things back as they were, because another
 * client may have changed them meanwhile and the last thing the user did must win. The new entry
 * inherits the older one's memory of the state before, to undo it locally if it is parked.
 * Returns the entry to add, or undefined when nothing is left to send (a folder made and deleted
 * for good before it reached the server).
 */
export async function coalesce(db: MailDB, entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const live = (await db.outbox.orderBy('seq').toArray()).filter(isLive);
  switch (entry.op.kind) {
    case 'set-read':
    case 'set-flag':
    case 'categorize':
    case 'move':
    case 'delete':
      return foldMessages(db, live, entry);
    case 'save-draft':
    case 'send':
      return foldDraft(db, live, entry);
    case 'rename-folder':
      return foldRename(db, live, entry);
    case 'delete-folder':
      return foldFolderDelete(db, live, entry);
    default:
      return entry;
  }
}

async function foldMessages(db: MailDB, live: OutboxEntry[], entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const op = entry.op;
  const field = fieldOf(op)!;
  if (!('ids' in op)) return entry;
  for (const id of op.ids) {
    const last = lastOf(live, (e) => fieldOf(e.op) === field && namesMessage(e, id));
    // A move folded into a later one leaves its folder later: never after that folder's deletion.
    const folderGoneSince =
      field === 'place' && !!last && live.some((e) => e.seq! > last.seq! && e.op.kind === 'delete-folder');
    if (last && canFold(last) && !last.local?.hardDelete?.includes(id) && !folderGoneSince) {
      inherit(entry, last, id, field);
      await dropIds(db, last, [id]);
    }
  }
  return entry;
}

/** The new entry takes over the older one's memory of how things were before both. */
function inherit(entry: OutboxEntry, older: OutboxEntry, id: string, field: MessageField): void {
  const local = (entry.local ??= {});
  if (field === 'place') {
    const origin = older.local?.origin?.[id];
    if (origin !== undefined) local.origin = { ...local.origin, [id]: origin };
    const messageId = older.local?.messageIds?.[id];
    if (messageId !== undefined) local.messageIds = { ...local.messageIds, [id]: messageId };
  } else {
    const before = older.local?.before?.[id];
    if (before !== undefined) local.before = { ...local.before, [id]: { ...local.before?.[id], ...before } };
  }
}

/** The entry with only `ids` left, its local memory trimmed to match. */
export function withIds(entry: OutboxEntry, ids: string[]): OutboxEntry {
  const keep = new Set(ids);
  const pick = <T>(map: Record<string, T> | undefined) =>
    map && Object.fromEntries(Object.entries(map).filter(([id]) => keep.has(id)));
  const next: OutboxEntry = { ...entry, op: { ...entry.op, ids } as OutboxEntry['op'] };
  if (entry.local) {
    const local = { ...entry.local };
    if (local.origin) local.origin = pick(local.origin)!;
    if (local.before) local.before = pick(local.before)!;
    if (local.messageIds) local.messageIds = pick(local.messageIds)!;
    if (local.hardDelete) local.hardDelete = local.hardDelete.filter((id) => keep.has(id));
    next.local = local;
  }
  return next;
}

/** Removes ids from a stored entry; an entry left with none is done with. */
export async function dropIds(db: MailDB, entry: OutboxEntry, ids: string[]): Promise<void> {
  if (!('ids' in entry.op)) return;
  const gone = new Set(ids);
  const left = entry.op.ids.filter((id) => !gone.has(id));
  if (left.length === 0) await db.outbox.delete(entry.seq!);
  else await db.outbox.put(withIds(entry, left));
  // Later folds in the same transaction must see the trimmed entry.
  if ('ids' in entry.op) entry.op = { ...entry.op, ids: left } as OutboxEntry['op'];
}

/**
 * A draft saved again replaces the words of a save still waiting; a send replaces the waiting
 * saves of the draft it sends (it writes the final words itself).
 */
async function foldDraft(db: MailDB, live: OutboxEntry[], entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const op = entry.op;
  if (op.kind !== 'save-draft' && op.kind !== 'send') return entry;
  const draftId = op.draftId;
  if (draftId === undefined) return entry;
  const saves = live.filter(
    (e) => e.op.kind === 'save-draft' && (e.op.draftId === draftId || e.local?.draftId === draftId),
  );
  const last = saves[saves.length - 1];
  if (op.kind === 'save-draft') {
    if (!last || !canFold(last) || last.op.kind !== 'save-draft') return entry;
    await db.outbox.put({ ...last, op: { ...last.op, draft: keepRemake(op.draft, [last]) } });
    return undefined;
  }
  // Only the waiting saves after the last one that may have reached the server.
  const started = lastOf(saves, (e) => !canFold(e));
  const folded = saves.slice(started ? saves.indexOf(started) + 1 : 0);
  for (const e of folded) await db.outbox.delete(e.seq!);
  return { ...entry, op: { ...op, draft: keepRemake(op.draft, folded) } };
}

/**
 * A draft on the server whose files changed is made again with their new list (`remake`); a
 * later save or send that did not change them replaces that save, and carries the list on.
 */
function keepRemake(draft: Draft, replaced: OutboxEntry[]): Draft {
  if (draft.remake) return draft;
  const remade = lastOf(replaced, (e) => e.op.kind === 'save-draft' && !!e.op.draft.remake)?.op;
  if (remade?.kind !== 'save-draft') return draft;
  return { ...draft, attachments: remade.draft.attachments ?? [], remake: true };
}

async function foldRename(db: MailDB, live: OutboxEntry[], entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const op = entry.op;
  if (op.kind !== 'rename-folder') return entry;
  const last = lastOf(live, (e) => aboutFolder(e, op.id));
  if (last && canFold(last)) {
    if (last.op.kind === 'create-folder') {
      await db.outbox.put({ ...last, op: { ...last.op, name: op.name } });
      return undefined;
    }
    if (last.op.kind === 'rename-folder') {
      await db.outbox.delete(last.seq!);
      if (last.local?.folderBefore) entry.local = { ...entry.local, folderBefore: last.local.folderBefore };
    }
  }
  return entry;
}

/**
 * A folder made here and deleted for good before any of it reached the server: nothing to send,
 * unless messages were moved into it or folders made inside it meanwhile (those replay in order).
 * Renames of a folder deleted for good are pointless.
 */
async function foldFolderDelete(db: MailDB, live: OutboxEntry[], entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const op = entry.op;
  if (op.kind !== 'delete-folder' || !entry.local?.hardDelete?.includes(op.id)) return entry;
  const about = live.filter((e) => aboutFolder(e, op.id) || refersToFolder(e, op.id));
  const own = about.filter((e) => aboutFolder(e, op.id) && canFold(e));
  const created = own.some((e) => e.op.kind === 'create-folder');
  if (created && own.length === about.length) {
    for (const e of own) await db.outbox.delete(e.seq!);
    return undefined;
  }
  for (const e of own) if (e.op.kind === 'rename-folder') await db.outbox.delete(e.seq!);
  return entry;
}

/** An entry that creates, renames or deletes folder `id`. */
function aboutFolder(e: OutboxEntry, id: string): boolean {
  const op = e.op;
  return (
    (op.kind === 'create-folder' && op.tempId === id) ||
    ((op.kind === 'rename-folder' || op.kind === 'delete-folder') && op.id === id)
  );
}

/** An entry that needs folder `id` to exist: a move into it, a folder made inside it. */
function refersToFolder(e: OutboxEntry, id: string): boolean {
  const op = e.op;
  return (op.kind === 'move' && op.toFolderId === id) || (op.kind === 'create-folder' && op.parentId === id);
}

/** The last element that matches (the lib is ES2022: no Array#findLast). */
export function lastOf<T>(list: readonly T[], match: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i]!)) return list[i];
  return undefined;
}
