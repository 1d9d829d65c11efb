import { DeleteItem, MoveItem, type FolderRef, type ItemId } from '../ews/index.js';
import { isLocalId, type OutboxEntry } from '../db/index.js';
import type { SyncContext } from './context.js';
import { EntryError, plainError } from './entry-error.js';
import { remapItems } from './remap.js';

/**
 * Move, and delete (a move to Deleted Items, or a soft delete of what was already there).
 * MoveItem answers each message's **new** id; the row and every later entry switch to it in
 * one transaction, and the target folder's sync then sees its own ChangeKey and fetches
 * nothing. Not-found ids are done: the message is gone either way.
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
  if (toMove.length) {
    const messages = await ctx.call(MoveItem, {
      toFolderId: target,
      itemIds: toMove.map((id) => ({ id })),
      returnNewItemIds: true,
    });
    toMove.forEach((id, i) => {
      const m = messages[i];
      const newId = m?.responseClass !== 'Error' ? m?.items?.[0]?.itemId : undefined;
      if (newId) moved.set(id, newId);
      else if (m?.responseClass === 'Error' && m.responseCode !== 'ErrorItemNotFound') failed.set(id, plainError(m));
    });
  }
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
  await db.transaction('rw', [db.messages, db.bodies, db.outbox], async () => {
    await remapItems(db, moved, entry.seq!);
    if (left.length === 0) await db.outbox.delete(entry.seq!);
    else await db.outbox.update(entry.seq!, { op: { ...op, ids: left } });
  });
  if (left.length)
    throw new EntryError([...failed.values()][0] ?? 'Waiting for a draft this change depends on to reach the server.');
}
