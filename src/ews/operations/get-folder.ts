import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Folder, FolderRef, FolderShape } from '../types.js';
import { readFolderRefs } from '../properties/ids.js';
import { readFolders } from '../properties/folder.js';
import { readFolderShape, writeFolderShape } from '../properties/shape.js';
import { writeFolderRefs, writeFolders } from '../properties/lists.js';

/**
 * Folder properties (counts, names) for a mix of FolderId and DistinguishedFolderId; one
 * response message per id, in request order.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolder
 */
export interface GetFolderRequest {
  folderShape: FolderShape;
  folderIds: FolderRef[];
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolderresponsemessage */
export interface GetFolderMessage {
  folders: Folder[];
}

export const GetFolder: Operation<GetFolderRequest, GetFolderMessage> = {
  name: 'GetFolder',
  writeRequest(w, r) {
    writeFolderShape(w, 'm:FolderShape', r.folderShape);
    writeFolderRefs(w, 'm:FolderIds', r.folderIds);
  },
  readMessage(el) {
    const folders = child(el, NS.m, 'Folders');
    return folders ? { folders: readFolders(folders) } : {};
  },
};

/** GetFolder as a server reads its requests and writes its answers. */
export const GetFolderServer: ServerOperation<GetFolderRequest, GetFolderMessage> = {
  name: 'GetFolder',
  readRequest(el) {
    return {
      folderShape: readFolderShape(child(el, NS.m, 'FolderShape')),
      folderIds: readFolderRefs(child(el, NS.m, 'FolderIds')),
    };
  },
  writeMessage(w, m) {
    writeFolders(w, 'm:Folders', m.folders);
  },
};
