import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef, Item } from '../types.js';
import { readFolderRefs, writeFolderRef } from '../properties/ids.js';
import { readItems } from '../properties/item.js';
import { writeItems } from '../properties/lists.js';
import type { MessageDisposition } from './update-item.js';

/**
 * Creates items: SaveOnly returns the new ItemId; SendOnly and SendAndSaveCopy return `<m:Items/>`.
 * A message may be given by properties or by MimeContent alone (DavMail, Thunderbird).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createitem
 */
export interface CreateItemRequest {
  messageDisposition?: MessageDisposition;
  sendMeetingInvitations?: 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';
  savedItemFolderId?: FolderRef;
  items: Item[];
}

export interface CreateItemMessage {
  items: Item[];
}

export const CreateItem: Operation<CreateItemRequest, CreateItemMessage> = {
  name: 'CreateItem',
  requestAttrs: (r) => ({ MessageDisposition: r.messageDisposition, SendMeetingInvitations: r.sendMeetingInvitations }),
  writeRequest(w, r) {
    if (r.savedItemFolderId) w.el('m:SavedItemFolderId', undefined, () => writeFolderRef(w, r.savedItemFolderId!));
    writeItems(w, 'm:Items', r.items);
  },
  readMessage(el) {
    const items = child(el, NS.m, 'Items');
    return items ? { items: readItems(items) } : {};
  },
};

/** CreateItem as a server reads its requests and writes its answers. */
export const CreateItemServer: ServerOperation<CreateItemRequest, CreateItemMessage> = {
  name: 'CreateItem',
  readRequest(el) {
    const r: CreateItemRequest = { items: readItems(child(el, NS.m, 'Items')) };
    const disposition = el.attrs['MessageDisposition'];
    const invitations = el.attrs['SendMeetingInvitations'];
    const saved = readFolderRefs(child(el, NS.m, 'SavedItemFolderId'))[0];
    if (disposition) r.messageDisposition = disposition as MessageDisposition;
    if (invitations) r.sendMeetingInvitations = invitations as NonNullable<CreateItemRequest['sendMeetingInvitations']>;
    if (saved) r.savedItemFolderId = saved;
    return r;
  },
  writeMessage(w, m) {
    writeItems(w, 'm:Items', m.items);
  },
};
