import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FolderChange, FolderRef, FolderShape } from '../types.js';
import { readFolderRefs, readId, writeFolderRef, writeId } from '../properties/ids.js';
import { isFolderElement, readFolder, writeFolder } from '../properties/folder.js';
import { readFolderShape, writeFolderShape } from '../properties/shape.js';
import { readBool } from '../properties/scalars.js';

/**
 * Incremental sync of the folder tree under `syncFolderId` (a state is bound to that root).
 * It does not report count changes: read counts with GetFolder.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy
 */
export interface SyncFolderHierarchyRequest {
  folderShape: FolderShape;
  syncFolderId?: FolderRef;
  syncState?: string;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchyresponsemessage */
export interface SyncFolderHierarchyMessage {
  syncState: string;
  includesLastFolderInRange: boolean;
  changes: FolderChange[];
}

export const SyncFolderHierarchy: Operation<SyncFolderHierarchyRequest, SyncFolderHierarchyMessage> = {
  name: 'SyncFolderHierarchy',

  writeRequest(w, r) {
    writeFolderShape(w, 'm:FolderShape', r.folderShape);
    if (r.syncFolderId) w.el('m:SyncFolderId', undefined, () => writeFolderRef(w, r.syncFolderId!));
    w.leaf('m:SyncState', r.syncState);
  },

  readMessage(el) {
    const out: Partial<SyncFolderHierarchyMessage> = {};
    const state = childText(el, NS.m, 'SyncState');
    const last = readBool(childText(el, NS.m, 'IncludesLastFolderInRange'));
    const changes = child(el, NS.m, 'Changes');
    if (state !== undefined) out.syncState = state;
    if (last !== undefined) out.includesLastFolderInRange = last;
    if (changes) out.changes = changes.children.filter((c) => c.uri === NS.t).map(readChange);
    return out;
  },
};

/** SyncFolderHierarchy as a server reads its requests and writes its answers. */
export const SyncFolderHierarchyServer: ServerOperation<SyncFolderHierarchyRequest, SyncFolderHierarchyMessage> = {
  name: 'SyncFolderHierarchy',

  readRequest(el) {
    const r: SyncFolderHierarchyRequest = { folderShape: readFolderShape(child(el, NS.m, 'FolderShape')) };
    const folder = readFolderRefs(child(el, NS.m, 'SyncFolderId'))[0];
    const state = childText(el, NS.m, 'SyncState');
    if (folder) r.syncFolderId = folder;
    if (state !== undefined && state !== '') r.syncState = state;
    return r;
  },

  writeMessage(w, m) {
    w.leaf('m:SyncState', m.syncState ?? '').leaf('m:IncludesLastFolderInRange', m.includesLastFolderInRange ?? true);
    if (m.responseClass === 'Error' && !m.changes) return;
    w.el('m:Changes', undefined, () => m.changes?.forEach((c) => writeChange(w, c)));
  },
};

function writeChange(w: XmlWriter, c: FolderChange): void {
  if (c.type === 'Delete') w.el('t:Delete', undefined, () => writeId(w, 't:FolderId', c.folderId));
  else w.el(`t:${c.type}`, undefined, () => writeFolder(w, c.folder));
}

function readChange(el: XmlElement): FolderChange {
  if (el.local === 'Create' || el.local === 'Update') {
    const folder = el.children.find(isFolderElement);
    if (!folder) throw new CodecError('unexpected', `<${el.local}> holds no folder`);
    return { type: el.local, folder: readFolder(folder) };
  }
  if (el.local === 'Delete') {
    const id = readId(child(el, NS.t, 'FolderId'));
    if (!id) throw new CodecError('unexpected', '<Delete> has no FolderId');
    return { type: 'Delete', folderId: id };
  }
  throw new CodecError('unexpected', `<${el.local}> is not a SyncFolderHierarchy change`);
}
