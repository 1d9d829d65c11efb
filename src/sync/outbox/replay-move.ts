import { DeleteItem, GetFolder, GetItem, MoveItem, type FolderRef } from '../../ews/index.js';
import type { OpOf, OutboxEntry } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { FOLDER_GONE, failureOf, type Failure } from './entry-error.js';
import { findMoved } from './find-moved.js';
import { inBatches } from './group.js';
import { folderNamed } from './folder-named.js';
import { settle, type Settlement } from './settle.js';

/**
 * Move, and delete (a move to Deleted Items, or a soft delete of what was already there), for a
 * group of entries with the same target: one MoveItem and one DeleteItem for each hundred of their ids.
 * MoveItem answers each message's **new** id; the row and every later entry switch to it in one
 * transaction. The row's ChangeKey is forgotten: MoveItem takes none, so a change made elsewhere
 * before the move would otherwise hide behind the moved copy's fresh key; the target folder's
 * sync fetches the summary once instead.
 *
 * "Not found" names the message or the target folder (Exchange answers ErrorToFolderNotFound for
 * the folder; older servers and the embedded mailbox ErrorItemNotFound): the target is checked.
 * A target that is gone parks the entry and the messages go back where they were; a message that
 * is gone ends its part with a note. When an earlier attempt's outcome is unknown (`unsure`), the
 * messages no longer at their old id are looked for in the target: found, the move had happened.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/moveitem-operation
 */
export async function replayMove(
  ctx: SyncContext,
  group: OutboxEntry[],
  op: OpOf<'move' | 'delete'>,
  unsure: boolean,
  goneFolders: Set<string>,
): Promise<Map<number, Failure>> {
  const hard = new Set(group.flatMap((e) => e.local?.hardDelete ?? []));
  const ids = [...new Set(group.flatMap((e) => ('ids' in e.op ? e.op.ids : [])))];
  let toMove = ids.filter((id) => !hard.has(id));
  const toDelete = ids.filter((id) => hard.has(id));
  const target: FolderRef = op.kind === 'move' ? { id: op.toFolderId } : { distinguished: 'deleteditems' };
  const out: Settlement = { changeKeys: new Map(), moved: new Map(), gone: new Set(), failed: new Map() };
  if (op.kind === 'delete') out.quietGone = true;

  if (unsure && toMove.length) {
    const missing = await notAt(ctx, toMove);
    if (missing.length) {
      const recorded = Object.assign({}, ...group.map((e) => e.local?.messageIds ?? {})) as Record<string, string>;
      const found = await findMoved(ctx, missing, target, recorded);
      for (const id of missing) {
        const now = found.get(id);
        if (now) out.moved!.set(id, now);
        else out.gone.add(id);
      }
      toMove = toMove.filter((id) => !missing.includes(id));
    }
  }

  let folderMissing = op.kind === 'move' && goneFolders.has(op.toFolderId);
  if (toMove.length && !folderMissing) {
    const messages = await inBatches(toMove, (batch) =>
      ctx.call(MoveItem, { toFolderId: target, itemIds: batch.map((id) => ({ id })), returnNewItemIds: true }),
    );
    const notFound: string[] = [];
    toMove.forEach((id, i) => {
      const m = messages[i];
      const newId = m?.responseClass !== 'Error' ? m?.items?.[0]?.itemId : undefined;
      if (newId) out.moved!.set(id, { id: newId.id, changeKey: '' });
      else if (m?.responseCode === 'ErrorItemNotFound') notFound.push(id);
      else if (m && FOLDER_GONE.has(m.responseCode)) folderMissing = true;
      else out.failed.set(id, failureOf(m));
    });
    if (notFound.length && op.kind === 'move' && !folderMissing) folderMissing = await folderIsGone(ctx, op.toFolderId);
    if (!folderMissing) notFound.forEach((id) => out.gone.add(id));
  }
  if (folderMissing && op.kind === 'move') {
    goneFolders.add(op.toFolderId);
    // The messages may be gone too; only those still there wait for the user.
    const waiting = toMove.filter((id) => !out.moved!.has(id) && !out.failed.has(id));
    const missing = new Set(waiting.length ? await notAt(ctx, waiting) : []);
    const failure: Failure = {
      kind: 'park',
      reason: { code: 'target-gone', ...(await folderNamed(ctx, op.toFolderId)) },
    };
    for (const id of waiting)
      if (missing.has(id)) out.gone.add(id);
      else out.failed.set(id, failure);
  }

  if (toDelete.length) {
    // SoftDelete, as Outlook does from Deleted Items: recoverable by the server's own means.
    const messages = await inBatches(toDelete, (batch) =>
      ctx.call(DeleteItem, { deleteType: 'SoftDelete', itemIds: batch.map((id) => ({ id })) }),
    );
    toDelete.forEach((id, i) => {
      const m = messages[i];
      if (m?.responseClass !== 'Error' || m.responseCode === 'ErrorItemNotFound') out.gone.add(id);
      else out.failed.set(id, failureOf(m));
    });
  }
  const failures = await settle(ctx, group, out);
  // The reason says how many messages of each entry could not move.
  for (const [seq, f] of failures) {
    const e = group.find((g) => g.seq === seq)!;
    const count = ('ids' in e.op ? e.op.ids : []).filter((id) => out.failed.get(id)?.kind === 'park').length;
    if (f.reason.code === 'target-gone') failures.set(seq, { ...f, reason: { ...f.reason, count } });
  }
  return failures;
}

/** The ids GetItem no longer finds at their current id. */
async function notAt(ctx: SyncContext, ids: string[]): Promise<string[]> {
  const messages = await inBatches(ids, (batch) =>
    ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: batch.map((id) => ({ id })) }),
  );
  return ids.filter((_, i) => messages[i]?.responseCode === 'ErrorItemNotFound');
}

async function folderIsGone(ctx: SyncContext, folderId: string): Promise<boolean> {
  const [m] = await ctx.call(GetFolder, { folderShape: { baseShape: 'IdOnly' }, folderIds: [{ id: folderId }] });
  return m?.responseClass === 'Error' && FOLDER_GONE.has(m.responseCode);
}
