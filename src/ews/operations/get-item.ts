import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Item, ItemId, ItemShape } from '../types.js';
import { readItemIds } from '../properties/ids.js';
import { readItems } from '../properties/item.js';
import { readItemShape, writeItemShape } from '../properties/shape.js';
import { writeItemIds, writeItems } from '../properties/lists.js';

/**
 * Item properties for a batch of ids (10 a batch is Microsoft's advice); one response message
 * per id in request order, each with its own ResponseClass (ErrorItemNotFound for vanished ids).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem
 */
export interface GetItemRequest {
  itemShape: ItemShape;
  itemIds: ItemId[];
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitemresponsemessage */
export interface GetItemMessage {
  items: Item[];
}

export const GetItem: Operation<GetItemRequest, GetItemMessage> = {
  name: 'GetItem',
  writeRequest(w, r) {
    writeItemShape(w, 'm:ItemShape', r.itemShape);
    writeItemIds(w, 'm:ItemIds', r.itemIds);
  },
  readMessage(el) {
    const items = child(el, NS.m, 'Items');
    return items ? { items: readItems(items) } : {};
  },
};

/** GetItem as a server reads its requests and writes its answers. */
export const GetItemServer: ServerOperation<GetItemRequest, GetItemMessage> = {
  name: 'GetItem',
  readRequest(el) {
    return { itemShape: readItemShape(child(el, NS.m, 'ItemShape')), itemIds: readItemIds(child(el, NS.m, 'ItemIds')) };
  },
  writeMessage(w, m) {
    writeItems(w, 'm:Items', m.items);
  },
};
