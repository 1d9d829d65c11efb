import type { GetItemMessage, GetItemRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { resolveItem } from '../model/resolve.js';
import { renderItems } from '../view/item-view.js';
import { each, ok } from './each.js';

/**
 * GetItem: one response message per id, in request order; an item deleted or moved since the
 * client saw it answers ErrorItemNotFound for that id only (with `<m:Items/>`).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation-email-message
 */
export function getItem(ctx: Ctx, req: GetItemRequest): Response<GetItemMessage>[] {
  return each(req.itemIds, (id) => ok({ items: renderItems(ctx, [resolveItem(ctx, id)], req.itemShape, 'get') }));
}
