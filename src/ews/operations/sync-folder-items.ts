import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef, ItemChange, ItemId, ItemShape } from '../types.js';
import { readFolderRefs, readId, readItemIds, writeFolderRef, writeId } from '../properties/ids.js';
import { isItemElement, readItem, writeItem } from '../properties/item.js';
import { readItemShape, writeItemShape } from '../properties/shape.js';
import { readBool, readInt } from '../properties/scalars.js';

// "The SyncFolderItems operation will return a maximum of 512 changes."
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
export const MAX_SYNC_CHANGES = 512;

/**
 * Incremental sync of the items in one folder. Omit `syncState` on the first call; keep calling
 * with the returned state until `includesLastItemInRange`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems
 */
export interface SyncFolderItemsRequest {
  itemShape: ItemShape;
  syncFolderId: FolderRef;
  syncState?: string;
  ignore?: ItemId[];
  /** 1–512 (MaxSyncChangesReturnedType). */
  maxChangesReturned: number;
  syncScope?: 'NormalItems' | 'NormalAndAssociatedItems';
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitemsresponsemessage */
export interface SyncFolderItemsMessage {
  syncState: string;
  includesLastItemInRange: boolean;
  changes: ItemChange[];
}

export const SyncFolderItems: Operation<SyncFolderItemsRequest, SyncFolderItemsMessage> = {
  name: 'SyncFolderItems',

  writeRequest(w, r) {
    checkMaxChanges(r.maxChangesReturned);
    writeItemShape(w, 'm:ItemShape', r.itemShape);
    w.el('m:SyncFolderId', undefined, () => writeFolderRef(w, r.syncFolderId));
    w.leaf('m:SyncState', r.syncState);
    if (r.ignore?.length) w.el('m:Ignore', undefined, () => r.ignore!.forEach((id) => writeId(w, 't:ItemId', id)));
    w.leaf('m:MaxChangesReturned', r.maxChangesReturned).leaf('m:SyncScope', r.syncScope);
  },

  readMessage(el) {
    const out: Partial<SyncFolderItemsMessage> = {};
    const state = childText(el, NS.m, 'SyncState');
    const last = readBool(childText(el, NS.m, 'IncludesLastItemInRange'));
    const changes = child(el, NS.m, 'Changes');
    if (state !== undefined) out.syncState = state;
    if (last !== undefined) out.includesLastItemInRange = last;
    if (changes) out.changes = changes.children.filter((c) => c.uri === NS.t).map(readChange);
    return out;
  },
};

/** SyncFolderItems as a server reads its requests and writes its answers. */
export const SyncFolderItemsServer: ServerOperation<SyncFolderItemsRequest, SyncFolderItemsMessage> = {
  name: 'SyncFolderItems',

  readRequest(el) {
    const folder = readFolderRefs(child(el, NS.m, 'SyncFolderId'))[0];
    if (!folder) throw new CodecError('unexpected', 'SyncFolderItems has no SyncFolderId');
    const max = readInt(childText(el, NS.m, 'MaxChangesReturned'));
    if (max === undefined) throw new CodecError('unexpected', 'SyncFolderItems has no MaxChangesReturned');
    checkMaxChanges(max);
    const r: SyncFolderItemsRequest = {
      itemShape: readItemShape(child(el, NS.m, 'ItemShape')),
      syncFolderId: folder,
      maxChangesReturned: max,
    };
    const state = childText(el, NS.m, 'SyncState');
    if (state !== undefined && state !== '') r.syncState = state;
    const ignore = child(el, NS.m, 'Ignore');
    if (ignore) r.ignore = readItemIds(ignore);
    const scope = childText(el, NS.m, 'SyncScope');
    if (scope === 'NormalItems' || scope === 'NormalAndAssociatedItems') r.syncScope = scope;
    return r;
  },

  // Always SyncState, IncludesLastItemInRange and Changes, even on errors and empty pages:
  // Thunderbird's ews-rs treats all three as required in a Success message.
  writeMessage(w, m) {
    w.leaf('m:SyncState', m.syncState ?? '').leaf('m:IncludesLastItemInRange', m.includesLastItemInRange ?? true);
    if (m.responseClass === 'Error' && !m.changes) return;
    w.el('m:Changes', undefined, () => m.changes?.forEach((c) => writeChange(w, c)));
  },
};

function checkMaxChanges(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SYNC_CHANGES)
    throw new CodecError('unexpected', `MaxChangesReturned must be 1–${MAX_SYNC_CHANGES}, not ${n}`);
}

function writeChange(w: XmlWriter, c: ItemChange): void {
  switch (c.type) {
    case 'Create':
    case 'Update':
      w.el(`t:${c.type}`, undefined, () => writeItem(w, c.item));
      break;
    case 'Delete':
      w.el('t:Delete', undefined, () => writeId(w, 't:ItemId', c.itemId));
      break;
    case 'ReadFlagChange':
      w.el('t:ReadFlagChange', undefined, () => {
        writeId(w, 't:ItemId', c.itemId);
        w.leaf('t:IsRead', c.isRead);
      });
      break;
  }
}

function readChange(el: XmlElement): ItemChange {
  switch (el.local) {
    case 'Create':
    case 'Update': {
      const item = el.children.find(isItemElement);
      if (!item) throw new CodecError('unexpected', `<${el.local}> holds no item`);
      return { type: el.local, item: readItem(item) };
    }
    case 'Delete':
      return { type: 'Delete', itemId: requiredId(el) };
    case 'ReadFlagChange': {
      const isRead = readBool(childText(el, NS.t, 'IsRead'));
      if (isRead === undefined) throw new CodecError('unexpected', '<ReadFlagChange> has no IsRead');
      return { type: 'ReadFlagChange', itemId: requiredId(el), isRead };
    }
    default:
      throw new CodecError('unexpected', `<${el.local}> is not a SyncFolderItems change`);
  }
}

function requiredId(el: XmlElement): ItemId {
  const id = readId(child(el, NS.t, 'ItemId'));
  if (!id) throw new CodecError('unexpected', `<${el.local}> has no ItemId`);
  return id;
}
