import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef, Item, ItemId, PropertyPath } from '../types.js';
import { readFolderRefs, readId, writeFolderRef, writeId } from '../properties/ids.js';
import { isItemElement, readItem, readItems, writeItem } from '../properties/item.js';
import { readFirstPath, writePath } from '../properties/paths.js';
import { readBool, readInt } from '../properties/scalars.js';
import { writeItems } from '../properties/lists.js';

/**
 * One property change. Set/Append carry an item of the right kind holding only that property;
 * Delete carries only the path.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/setitemfield
 */
export type ItemUpdate =
  { kind: 'Set' | 'Append'; path: PropertyPath; item: Item } | { kind: 'Delete'; path: PropertyPath };

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemchange */
export interface ItemChangeDescription {
  itemId: ItemId;
  updates: ItemUpdate[];
}

export type ConflictResolution = 'NeverOverwrite' | 'AutoResolve' | 'AlwaysOverwrite';
export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';

/**
 * Changes properties (IsRead, Flag…). The ChangeKey decides conflicts: a stale one fails with
 * ErrorIrresolvableConflict unless AlwaysOverwrite.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem
 */
export interface UpdateItemRequest {
  conflictResolution: ConflictResolution;
  messageDisposition?: MessageDisposition;
  suppressReadReceipts?: boolean;
  savedItemFolderId?: FolderRef;
  itemChanges: ItemChangeDescription[];
}

/** The item with its new ChangeKey (exchangelib and Thunderbird need it back). */
export interface UpdateItemMessage {
  items: Item[];
  conflictCount?: number;
}

const UPDATE_TAGS = { Set: 'SetItemField', Append: 'AppendToItemField', Delete: 'DeleteItemField' } as const;

export const UpdateItem: Operation<UpdateItemRequest, UpdateItemMessage> = {
  name: 'UpdateItem',
  requestAttrs: (r) => ({
    ConflictResolution: r.conflictResolution,
    MessageDisposition: r.messageDisposition,
    SuppressReadReceipts: r.suppressReadReceipts,
  }),
  writeRequest(w, r) {
    if (r.savedItemFolderId) w.el('m:SavedItemFolderId', undefined, () => writeFolderRef(w, r.savedItemFolderId!));
    w.el('m:ItemChanges', undefined, () =>
      r.itemChanges.forEach((c) =>
        w.el('t:ItemChange', undefined, () => {
          writeId(w, 't:ItemId', c.itemId);
          w.el('t:Updates', undefined, () => c.updates.forEach((u) => writeUpdate(w, u)));
        }),
      ),
    );
  },
  readMessage(el) {
    const out: Partial<UpdateItemMessage> = {};
    const items = child(el, NS.m, 'Items');
    const count = readInt(childText(child(el, NS.m, 'ConflictResults'), NS.t, 'Count'));
    if (items) out.items = readItems(items);
    if (count !== undefined) out.conflictCount = count;
    return out;
  },
};

/** UpdateItem as a server reads its requests and writes its answers. */
export const UpdateItemServer: ServerOperation<UpdateItemRequest, UpdateItemMessage> = {
  name: 'UpdateItem',
  readRequest(el) {
    const conflict = el.attrs['ConflictResolution'] ?? 'AutoResolve';
    if (conflict !== 'NeverOverwrite' && conflict !== 'AutoResolve' && conflict !== 'AlwaysOverwrite')
      throw new CodecError(
        'unexpected',
        `ConflictResolution "${conflict}" is not NeverOverwrite, AutoResolve or AlwaysOverwrite`,
      );
    const r: UpdateItemRequest = {
      conflictResolution: conflict,
      itemChanges: (child(el, NS.m, 'ItemChanges')?.children ?? [])
        .filter((c) => c.uri === NS.t && c.local === 'ItemChange')
        .map(readItemChange),
    };
    const disposition = el.attrs['MessageDisposition'];
    const suppress = readBool(el.attrs['SuppressReadReceipts']);
    const saved = readFolderRefs(child(el, NS.m, 'SavedItemFolderId'))[0];
    if (disposition) r.messageDisposition = disposition as MessageDisposition;
    if (suppress !== undefined) r.suppressReadReceipts = suppress;
    if (saved) r.savedItemFolderId = saved;
    return r;
  },
  writeMessage(w, m) {
    writeItems(w, 'm:Items', m.items);
    if (m.conflictCount !== undefined) w.el('m:ConflictResults', undefined, () => w.leaf('t:Count', m.conflictCount));
  },
};

function writeUpdate(w: XmlWriter, u: ItemUpdate): void {
  w.el(`t:${UPDATE_TAGS[u.kind]}`, undefined, () => {
    writePath(w, u.path);
    if (u.kind !== 'Delete') writeItem(w, u.item);
  });
}

function readItemChange(el: XmlElement): ItemChangeDescription {
  const itemId = readId(child(el, NS.t, 'ItemId'));
  if (!itemId) throw new CodecError('unexpected', '<ItemChange> has no ItemId');
  const updates = (child(el, NS.t, 'Updates')?.children ?? []).filter((c) => c.uri === NS.t).map(readUpdate);
  return { itemId, updates };
}

function readUpdate(el: XmlElement): ItemUpdate {
  const path = readFirstPath(el);
  if (el.local === 'DeleteItemField') return { kind: 'Delete', path };
  const kind = el.local === 'SetItemField' ? 'Set' : el.local === 'AppendToItemField' ? 'Append' : undefined;
  if (!kind) throw new CodecError('unexpected', `<${el.local}> is not an item update`);
  const item = el.children.find(isItemElement);
  if (!item) throw new CodecError('unexpected', `<${el.local}> holds no item`);
  return { kind, path, item: readItem(item) };
}
