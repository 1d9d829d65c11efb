import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef, Item, ItemId } from '../types.js';
import { readFolderRefs, readItemIds, writeFolderRef } from '../properties/ids.js';
import { readItems } from '../properties/item.js';
import { readBool } from '../properties/scalars.js';
import { writeItemIds, writeItems } from '../properties/lists.js';

/**
 * MoveItem and CopyItem share one request type. The response carries the **new** ItemId: after
 * a move the old id is gone.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/moveitem
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/copyitem
 */
export interface MoveItemRequest {
  toFolderId: FolderRef;
  itemIds: ItemId[];
  returnNewItemIds?: boolean;
}

export interface MoveItemMessage {
  items: Item[];
}

function moveOrCopy(name: 'MoveItem' | 'CopyItem'): Operation<MoveItemRequest, MoveItemMessage> {
  return {
    name,
    writeRequest(w: XmlWriter, r) {
      w.el('m:ToFolderId', undefined, () => writeFolderRef(w, r.toFolderId));
      writeItemIds(w, 'm:ItemIds', r.itemIds);
      w.leaf('m:ReturnNewItemIds', r.returnNewItemIds);
    },
    readMessage(el) {
      const items = child(el, NS.m, 'Items');
      return items ? { items: readItems(items) } : {};
    },
  };
}

function moveOrCopyServer(name: 'MoveItem' | 'CopyItem'): ServerOperation<MoveItemRequest, MoveItemMessage> {
  return {
    name,
    readRequest(el: XmlElement) {
      const to = readFolderRefs(child(el, NS.m, 'ToFolderId'))[0];
      if (!to) throw new CodecError('unexpected', `${name} has no ToFolderId`);
      const r: MoveItemRequest = { toFolderId: to, itemIds: readItemIds(child(el, NS.m, 'ItemIds')) };
      const ret = readBool(childText(el, NS.m, 'ReturnNewItemIds'));
      if (ret !== undefined) r.returnNewItemIds = ret;
      return r;
    },
    writeMessage(w, m) {
      writeItems(w, 'm:Items', m.items);
    },
  };
}

export const MoveItem = /* @__PURE__ */ moveOrCopy('MoveItem');
export const CopyItem = /* @__PURE__ */ moveOrCopy('CopyItem');
export const MoveItemServer = /* @__PURE__ */ moveOrCopyServer('MoveItem');
export const CopyItemServer = /* @__PURE__ */ moveOrCopyServer('CopyItem');
