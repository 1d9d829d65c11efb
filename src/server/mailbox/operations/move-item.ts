import type { MoveItemMessage, MoveItemRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { resolveFolder, resolveItem } from '../model/resolve.js';
import { copyItem, itemByRow, moveItem } from '../store/items.js';
import type { FolderRow } from '../store/rows.js';
import { itemKind } from '../view/item-kind.js';
import { each, failed, ok } from './each.js';

/**
 * MoveItem and CopyItem. Both answer the new ItemId whether or not ReturnNewItemIds was sent
 * (exchangelib reads it without asking); after a move the old id is gone. A target folder that
 * no longer exists answers ErrorToFolderNotFound, as Exchange does, so a client can tell it from
 * a message that is gone (ErrorItemNotFound).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/moveitem-operation
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
 */
export function moveOrCopyItems(ctx: Ctx, req: MoveItemRequest, copy: boolean): Response<MoveItemMessage>[] {
  let target: FolderRow;
  try {
    target = resolveFolder(ctx, req.toFolderId, 'ErrorToFolderNotFound');
  } catch (e) {
    const error = failed(e);
    return req.itemIds.map(() => error);
  }
  return each(req.itemIds, (id) =>
    ctx.db.write(() => {
      const row = resolveItem(ctx, id);
      const kind = itemKind(row.item_class);
      if (copy) {
        const made = itemByRow(ctx.db, copyItem(ctx.db, row, target.id, ctx.now))!;
        return ok({ items: [{ kind, itemId: ctx.ids.item(made) }] });
      }
      const moved = moveItem(ctx.db, row, target.id, ctx.now);
      return ok({ items: [{ kind, itemId: ctx.ids.item({ id: row.id, gen: moved.gen, change_num: moved.num }) }] });
    }),
  );
}
