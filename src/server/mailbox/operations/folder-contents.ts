import type { EmptyFolderRequest, MarkAllItemsAsReadRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { breathe, BULK_STEP, children } from '../model/folder-tree.js';
import { resolveFolder } from '../model/resolve.js';
import { folderByDistinguished } from '../store/folders.js';
import { deleteItem, itemsInFolder, itemsToMark, moveItem, updateItem } from '../store/items.js';
import { removeFolder } from './delete-folder.js';
import { eachAsync, ok } from './each.js';

/**
 * MarkAllItemsAsRead: every item of each folder, in bounded steps; each item is its own change,
 * so syncing clients see a ReadFlagChange per item.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/markallitemsasread-operation
 */
export async function markAllItemsAsRead(
  ctx: Ctx,
  req: MarkAllItemsAsReadRequest,
): Promise<Response<Record<never, never>>[]> {
  return eachAsync(req.folderIds, async (ref) => {
    const f = resolveFolder(ctx, ref);
    for (;;) {
      const rows = itemsToMark(ctx.db, f.id, req.readFlag, BULK_STEP);
      if (!rows.length) break;
      ctx.db.write(() => rows.forEach((r) => updateItem(ctx.db, r, { is_read: req.readFlag ? 1 : 0 }, ctx.now)));
      await breathe();
    }
    return ok({});
  });
}

/**
 * EmptyFolder: deletes every item (or moves each to Deleted Items), and the subfolders when
 * DeleteSubFolders is set, in bounded steps.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/emptyfolder-operation
 */
export async function emptyFolders(ctx: Ctx, req: EmptyFolderRequest): Promise<Response<Record<never, never>>[]> {
  const trash = folderByDistinguished(ctx.db, ctx.user.id, 'deleteditems');
  return eachAsync(req.folderIds, async (ref) => {
    const f = resolveFolder(ctx, ref);
    const toTrash = req.deleteType === 'MoveToDeletedItems' && trash && trash.id !== f.id;
    for (;;) {
      const rows = itemsInFolder(ctx.db, f.id, BULK_STEP);
      if (!rows.length) break;
      ctx.db.write(() =>
        rows.forEach((r) => (toTrash ? moveItem(ctx.db, r, trash.id, ctx.now) : deleteItem(ctx.db, r, ctx.now))),
      );
      await breathe();
    }
    if (req.deleteSubFolders) for (const c of children(ctx.db, f)) if (!c.distinguished) await removeFolder(ctx, c);
    return ok({});
  });
}
