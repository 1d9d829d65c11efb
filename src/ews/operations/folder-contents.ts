import { NS } from '../namespaces.js';
import { child, childText } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderRef } from '../types.js';
import { readFolderRefs } from '../properties/ids.js';
import { readBool } from '../properties/scalars.js';
import { writeFolderRefs } from '../properties/lists.js';
import { readDisposal, type DisposalType } from './delete-item.js';

/**
 * Marks every item of the folders read or unread (Thunderbird's "Mark all read").
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/markallitemsasread
 */
export interface MarkAllItemsAsReadRequest {
  readFlag: boolean;
  suppressReadReceipts: boolean;
  folderIds: FolderRef[];
}

export const MarkAllItemsAsRead: Operation<MarkAllItemsAsReadRequest, Record<never, never>> = {
  name: 'MarkAllItemsAsRead',
  writeRequest(w, r) {
    w.leaf('m:ReadFlag', r.readFlag).leaf('m:SuppressReadReceipts', r.suppressReadReceipts);
    writeFolderRefs(w, 'm:FolderIds', r.folderIds);
  },
  readMessage: () => ({}),
};

/** MarkAllItemsAsRead as a server reads its requests and writes its answers. */
export const MarkAllItemsAsReadServer: ServerOperation<MarkAllItemsAsReadRequest, Record<never, never>> = {
  name: 'MarkAllItemsAsRead',
  readRequest(el) {
    const readFlag = readBool(childText(el, NS.m, 'ReadFlag'));
    if (readFlag === undefined) throw new CodecError('unexpected', 'MarkAllItemsAsRead has no ReadFlag');
    return {
      readFlag,
      suppressReadReceipts: readBool(childText(el, NS.m, 'SuppressReadReceipts')) ?? true,
      folderIds: readFolderRefs(child(el, NS.m, 'FolderIds')),
    };
  },
  writeMessage() {},
};

/**
 * Deletes every item of the folders ("Empty trash").
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/emptyfolder
 */
export interface EmptyFolderRequest {
  deleteType: DisposalType;
  deleteSubFolders: boolean;
  folderIds: FolderRef[];
}

export const EmptyFolder: Operation<EmptyFolderRequest, Record<never, never>> = {
  name: 'EmptyFolder',
  requestAttrs: (r) => ({ DeleteType: r.deleteType, DeleteSubFolders: r.deleteSubFolders }),
  writeRequest(w, r) {
    writeFolderRefs(w, 'm:FolderIds', r.folderIds);
  },
  readMessage: () => ({}),
};

/** EmptyFolder as a server reads its requests and writes its answers. */
export const EmptyFolderServer: ServerOperation<EmptyFolderRequest, Record<never, never>> = {
  name: 'EmptyFolder',
  readRequest(el) {
    return {
      deleteType: readDisposal(el.attrs['DeleteType']),
      deleteSubFolders: readBool(el.attrs['DeleteSubFolders']) ?? false,
      folderIds: readFolderRefs(child(el, NS.m, 'FolderIds')),
    };
  },
  writeMessage() {},
};
