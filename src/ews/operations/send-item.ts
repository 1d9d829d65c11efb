import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef, ItemId } from '../types.js';
import { readFolderRefs, readItemIds, writeFolderRef } from '../properties/ids.js';
import { readBool } from '../properties/scalars.js';
import { writeItemIds } from '../properties/lists.js';

/**
 * Sends drafts that already exist. A draft that was sent is no longer in Drafts, so sending it
 * again fails with ErrorItemNotFound: the retry point of Tern's at-most-once send.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/senditem
 */
export interface SendItemRequest {
  saveItemToFolder: boolean;
  itemIds: ItemId[];
  savedItemFolderId?: FolderRef;
}

export type SendItemMessage = Record<never, never>;

export const SendItem: Operation<SendItemRequest, SendItemMessage> = {
  name: 'SendItem',
  requestAttrs: (r) => ({ SaveItemToFolder: r.saveItemToFolder }),
  writeRequest(w, r) {
    writeItemIds(w, 'm:ItemIds', r.itemIds);
    if (r.savedItemFolderId) w.el('m:SavedItemFolderId', undefined, () => writeFolderRef(w, r.savedItemFolderId!));
  },
  readMessage: () => ({}),
};

/** SendItem as a server reads its requests and writes its answers. */
export const SendItemServer: ServerOperation<SendItemRequest, SendItemMessage> = {
  name: 'SendItem',
  readRequest(el) {
    const r: SendItemRequest = {
      saveItemToFolder: readBool(el.attrs['SaveItemToFolder']) ?? true,
      itemIds: readItemIds(child(el, NS.m, 'ItemIds')),
    };
    const saved = readFolderRefs(child(el, NS.m, 'SavedItemFolderId'))[0];
    if (saved) r.savedItemFolderId = saved;
    return r;
  },
  writeMessage() {},
};
