import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Folder, FolderRef, PropertyPath } from '../types.js';
import { readFolderRef, readFolderRefs, writeFolderRef } from '../properties/ids.js';
import { isFolderElement, readFolder, readFolders, writeFolder } from '../properties/folder.js';
import { readFirstPath, writePath } from '../properties/paths.js';
import { writeFolderRefs, writeFolders } from '../properties/lists.js';
import { CodecError } from '../errors.js';
import { readDisposal, type DisposalType } from './delete-item.js';

/** Operations that answer with the folders they made or changed (FolderInfoResponseMessageType). */
export interface FolderInfoMessage {
  folders: Folder[];
}

function readFolderInfo(el: XmlElement): Partial<FolderInfoMessage> {
  const folders = child(el, NS.m, 'Folders');
  return folders ? { folders: readFolders(folders) } : {};
}

function writeFolderInfo(w: XmlWriter, m: Partial<FolderInfoMessage>): void {
  writeFolders(w, 'm:Folders', m.folders);
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createfolder */
export interface CreateFolderRequest {
  parentFolderId: FolderRef;
  folders: Folder[];
}

export const CreateFolder: Operation<CreateFolderRequest, FolderInfoMessage> = {
  name: 'CreateFolder',
  writeRequest(w, r) {
    w.el('m:ParentFolderId', undefined, () => writeFolderRef(w, r.parentFolderId));
    writeFolders(w, 'm:Folders', r.folders);
  },
  readMessage: readFolderInfo,
};

/** CreateFolder as a server reads its requests and writes its answers. */
export const CreateFolderServer: ServerOperation<CreateFolderRequest, FolderInfoMessage> = {
  name: 'CreateFolder',
  readRequest(el) {
    const parent = readFolderRefs(child(el, NS.m, 'ParentFolderId'))[0];
    if (!parent) throw new CodecError('unexpected', 'CreateFolder has no ParentFolderId');
    return { parentFolderId: parent, folders: readFolders(child(el, NS.m, 'Folders')) };
  },
  writeMessage: writeFolderInfo,
};

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/setfolderfield */
export type FolderUpdate =
  { kind: 'Set' | 'Append'; path: PropertyPath; folder: Folder } | { kind: 'Delete'; path: PropertyPath };

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updatefolder */
export interface UpdateFolderRequest {
  folderChanges: { folderId: FolderRef; updates: FolderUpdate[] }[];
}

const FOLDER_UPDATE_TAGS = {
  Set: 'SetFolderField',
  Append: 'AppendToFolderField',
  Delete: 'DeleteFolderField',
} as const;

export const UpdateFolder: Operation<UpdateFolderRequest, FolderInfoMessage> = {
  name: 'UpdateFolder',
  writeRequest(w, r) {
    w.el('m:FolderChanges', undefined, () =>
      r.folderChanges.forEach((c) =>
        w.el('t:FolderChange', undefined, () => {
          writeFolderRef(w, c.folderId);
          w.el('t:Updates', undefined, () =>
            c.updates.forEach((u) =>
              w.el(`t:${FOLDER_UPDATE_TAGS[u.kind]}`, undefined, () => {
                writePath(w, u.path);
                if (u.kind !== 'Delete') writeFolder(w, u.folder);
              }),
            ),
          );
        }),
      ),
    );
  },
  readMessage: readFolderInfo,
};

/** UpdateFolder as a server reads its requests and writes its answers. */
export const UpdateFolderServer: ServerOperation<UpdateFolderRequest, FolderInfoMessage> = {
  name: 'UpdateFolder',
  readRequest(el) {
    const changes = (child(el, NS.m, 'FolderChanges')?.children ?? []).filter(
      (c) => c.uri === NS.t && c.local === 'FolderChange',
    );
    return {
      folderChanges: changes.map((c) => {
        const ref = c.children.find(
          (x) => x.uri === NS.t && (x.local === 'FolderId' || x.local === 'DistinguishedFolderId'),
        );
        if (!ref) throw new CodecError('unexpected', '<FolderChange> names no folder');
        const updates = (child(c, NS.t, 'Updates')?.children ?? [])
          .filter((u) => u.uri === NS.t)
          .map((u): FolderUpdate => {
            const path = readFirstPath(u);
            if (u.local === 'DeleteFolderField') return { kind: 'Delete', path };
            const folder = u.children.find(isFolderElement);
            if (!folder) throw new CodecError('unexpected', `<${u.local}> holds no folder`);
            return { kind: u.local === 'AppendToFolderField' ? 'Append' : 'Set', path, folder: readFolder(folder) };
          });
        return { folderId: readFolderRef(ref), updates };
      }),
    };
  },
  writeMessage: writeFolderInfo,
};

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deletefolder */
export interface DeleteFolderRequest {
  deleteType: DisposalType;
  folderIds: FolderRef[];
}

export const DeleteFolder: Operation<DeleteFolderRequest, Record<never, never>> = {
  name: 'DeleteFolder',
  requestAttrs: (r) => ({ DeleteType: r.deleteType }),
  writeRequest(w, r) {
    writeFolderRefs(w, 'm:FolderIds', r.folderIds);
  },
  readMessage: () => ({}),
};

/** DeleteFolder as a server reads its requests and writes its answers. */
export const DeleteFolderServer: ServerOperation<DeleteFolderRequest, Record<never, never>> = {
  name: 'DeleteFolder',
  readRequest(el) {
    return {
      deleteType: readDisposal(el.attrs['DeleteType']),
      folderIds: readFolderRefs(child(el, NS.m, 'FolderIds')),
    };
  },
  writeMessage() {},
};

/**
 * MoveFolder and CopyFolder: the response carries the folder (with its id) in its new place.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/movefolder
 */
export interface MoveFolderRequest {
  toFolderId: FolderRef;
  folderIds: FolderRef[];
}

function moveOrCopyFolder(name: 'MoveFolder' | 'CopyFolder'): Operation<MoveFolderRequest, FolderInfoMessage> {
  return {
    name,
    writeRequest(w, r) {
      w.el('m:ToFolderId', undefined, () => writeFolderRef(w, r.toFolderId));
      writeFolderRefs(w, 'm:FolderIds', r.folderIds);
    },
    readMessage: readFolderInfo,
  };
}

function moveOrCopyFolderServer(
  name: 'MoveFolder' | 'CopyFolder',
): ServerOperation<MoveFolderRequest, FolderInfoMessage> {
  return {
    name,
    readRequest(el) {
      const to = readFolderRefs(child(el, NS.m, 'ToFolderId'))[0];
      if (!to) throw new CodecError('unexpected', `${name} has no ToFolderId`);
      return { toFolderId: to, folderIds: readFolderRefs(child(el, NS.m, 'FolderIds')) };
    },
    writeMessage: writeFolderInfo,
  };
}

export const MoveFolder = /* @__PURE__ */ moveOrCopyFolder('MoveFolder');
export const CopyFolder = /* @__PURE__ */ moveOrCopyFolder('CopyFolder');
export const MoveFolderServer = /* @__PURE__ */ moveOrCopyFolderServer('MoveFolder');
export const CopyFolderServer = /* @__PURE__ */ moveOrCopyFolderServer('CopyFolder');
