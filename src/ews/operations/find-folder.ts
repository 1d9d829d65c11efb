import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Folder, FolderRef, FolderShape, PageView, Restriction, RootFolderPaging } from '../types.js';
import { readFolderRefs } from '../properties/ids.js';
import { readFolders } from '../properties/folder.js';
import { readFolderShape, writeFolderShape } from '../properties/shape.js';
import { readRestrictionIn, writeRestriction } from '../properties/restriction.js';
import { writeFolderRefs, writeFolders } from '../properties/lists.js';
import { pagingAttrs, readPaging, readView, viewAttrs } from './paging.js';

/**
 * Lists subfolders, one level (Shallow) or the whole tree (Deep), paged.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder
 */
export interface FindFolderRequest {
  traversal: 'Shallow' | 'Deep' | 'SoftDeleted';
  folderShape: FolderShape;
  view?: Extract<PageView, { kind: 'Indexed' }>;
  restriction?: Restriction;
  parentFolderIds: FolderRef[];
}

export interface FindFolderMessage {
  rootFolder: RootFolderPaging & { folders: Folder[] };
}

export const FindFolder: Operation<FindFolderRequest, FindFolderMessage> = {
  name: 'FindFolder',
  requestAttrs: (r) => ({ Traversal: r.traversal }),
  writeRequest(w, r) {
    writeFolderShape(w, 'm:FolderShape', r.folderShape);
    if (r.view) w.empty('m:IndexedPageFolderView', viewAttrs(r.view));
    if (r.restriction) w.el('m:Restriction', undefined, () => writeRestriction(w, r.restriction!));
    writeFolderRefs(w, 'm:ParentFolderIds', r.parentFolderIds);
  },
  readMessage(el) {
    const root = child(el, NS.m, 'RootFolder');
    if (!root) return {};
    return { rootFolder: { ...readPaging(root), folders: readFolders(child(root, NS.t, 'Folders')) } };
  },
};

/** FindFolder as a server reads its requests and writes its answers. */
export const FindFolderServer: ServerOperation<FindFolderRequest, FindFolderMessage> = {
  name: 'FindFolder',
  readRequest(el) {
    const traversal = el.attrs['Traversal'] ?? 'Shallow';
    if (traversal !== 'Shallow' && traversal !== 'Deep' && traversal !== 'SoftDeleted')
      throw new CodecError('unexpected', `FindFolder Traversal "${traversal}" is not Shallow, Deep or SoftDeleted`);
    const r: FindFolderRequest = {
      traversal,
      folderShape: readFolderShape(child(el, NS.m, 'FolderShape')),
      parentFolderIds: readFolderRefs(child(el, NS.m, 'ParentFolderIds')),
    };
    const view = child(el, NS.m, 'IndexedPageFolderView');
    const restriction = readRestrictionIn(child(el, NS.m, 'Restriction'));
    if (view) r.view = readView(view) as Extract<PageView, { kind: 'Indexed' }>;
    if (restriction) r.restriction = restriction;
    return r;
  },
  writeMessage(w, m) {
    if (!m.rootFolder) return;
    w.el('m:RootFolder', pagingAttrs(m.rootFolder), () => writeFolders(w, 't:Folders', m.rootFolder!.folders));
  },
};
