import { DeleteItem, GetItem, MoveItem, type FolderRef, type ItemId } from '../ews/index.js';
import { CountDeltas, isLocalId, type MailDB, type OutboxEntry } from '../db/index.js';
import type { SyncContext } from './context.js';
import { EntryError, plainError } from './entry-error.js';
import { remapItems } from './remap.js';

const TARGET_GONE =
  'The folder these messages were moved to no longer exists on the server; they are back where they were.';

/**
 * Move, and delete (a move to Deleted Items, or a soft delete of what was already there).
 * MoveItem answers each message's **new** id; the row and every later entry switch to it in
 * one transaction. The row's ChangeKey is forgotten: MoveItem takes none, so a change made
 * elsewhere before the move would otherwise hide behind the moved copy's fresh key; the target
 * folder's sync fetches the summary once instead. Not-found messages are done: gone either way.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/moveitem-operation
 */
export async function replayMove(ctx: SyncContext, entry: OutboxEntry): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'move' && op.kind !== 'delete') throw new Error(`not a move: ${op.kind}`);
  const hard = new Set(entry.local?.hardDelete ?? []);
  const pending = op.ids.filter(isLocalId);
  const ids = op.ids.filter((id) => !isLocalId(id));
  const toMove = ids.filter((id) => !hard.has(id));
  const toDelete = ids.filter((id) => hard.has(id));
  if (op.kind === 'move' && isLocalId(op.toFolderId))
    throw new EntryError('Waiting for the new folder to be created on the server.');
  const target: FolderRef = op.kind === 'move' ? { id: op.toFolderId } : { distinguished: 'deleteditems' };

  const failed = new Map<string, string>();
  const moved = new Map<string, ItemId>();
  const notFound: string[] = [];
  if (toMove.length) {
    const messages = await ctx.call(MoveItem, {
      toFolderId: target,
      itemIds: toMove.map((id) => ({ id })),
      returnNewItemIds: true,
    });
    toMove.forEach((id, i) => {
      const m = messages[i];
      const newId = m?.responseClass !== 'Error' ? m?.items?.[0]?.itemId : undefined;
      if (newId) moved.set(id, { id: newId.id, changeKey: '' });
      else if (m?.responseCode === 'ErrorItemNotFound') notFound.push(id);
      else if (m?.responseClass === 'Error') failed.set(id, plainError(m));
    });
  }
  // "Not found" may name the message or the target folder (ErrorToFolderNotFound on Exchange):
  // a message that still exists means the target is gone.
  const targetGone = op.kind === 'move' && notFound.length > 0 && (await stillThere(ctx, notFound)).length > 0;
  if (targetGone) for (const id of await stillThere(ctx, notFound)) failed.set(id, TARGET_GONE);
  if (toDelete.length) {
    // SoftDelete, as Outlook does from Deleted Items: recoverable by the server's own means.
    const messages = await ctx.call(DeleteItem, { deleteType: 'SoftDelete', itemIds: toDelete.map((id) => ({ id })) });
    toDelete.forEach((id, i) => {
      const m = messages[i];
      if (m?.responseClass === 'Error' && m.responseCode !== 'ErrorItemNotFound') failed.set(id, plainError(m));
    });
  }

  const { db } = ctx;
  const left = [...failed.keys(), ...pending];
  await db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
    await remapItems(db, moved, entry.seq!);
    if (targetGone) await putBack(db, entry, [...failed.keys()]);
    if (left.length === 0) await db.outbox.delete(entry.seq!);
    else await db.outbox.update(entry.seq!, { op: { ...op, ids: left } });
  });
  if (left.length)
    throw new EntryError([...failed.values()][0] ?? 'Waiting for a draft this change depends on to reach the server.');
}

async function stillThere(ctx: SyncContext, ids: string[]): Promise<string[]> {
  const messages = await ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: ids.map((id) => ({ id })) });
  return ids.filter((_, i) => messages[i]?.responseClass === 'Success');
}

/** Returns moved rows to the folder they came from, so the local copy shows where they really are. */
async function putBack(db: MailDB, entry: OutboxEntry, ids: string[]): Promise<void> {
  const counts = new CountDeltas();
  for (const id of ids) {
    const origin = entry.local?.origin?.[id];
    const row = await db.messages.get(id);
    if (!row || !origin || !(await db.folders.get(origin))) continue;
    const back = { ...row, folderId: origin };
    counts.change(row, back);
    await db.messages.put(back);
  }
  await counts.apply(db);
}
