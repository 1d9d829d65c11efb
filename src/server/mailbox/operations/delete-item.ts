import type { DeleteItemMessage, DeleteItemRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { resolveItem } from '../model/resolve.js';
import { folderByDistinguished } from '../store/folders.js';
import { deleteItem, moveItem } from '../store/items.js';
import { each, ok } from './each.js';

/**
 * DeleteItem. HardDelete removes the item; SoftDelete too (there is no dumpster here to recover
 * from); MoveToDeletedItems moves it to Deleted Items, or deletes it when it is already there.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem-operation
 */
export function deleteItems(ctx: Ctx, req: DeleteItemRequest): Response<DeleteItemMessage>[] {
  const trash = folderByDistinguished(ctx.db, ctx.user.id, 'deleteditems');
  return each(req.itemIds, (id) =>
    ctx.db.write(() => {
      const row = resolveItem(ctx, id);
      if (req.deleteType === 'MoveToDeletedItems' && trash && row.folder_id !== trash.id)
        moveItem(ctx.db, row, trash.id, ctx.now);
      else deleteItem(ctx.db, row, ctx.now);
      return ok({});
    }),
  );
}
