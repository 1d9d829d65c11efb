import { NS } from '../namespaces.js';
import type { XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import { FOLDER_KINDS, type Folder, type FolderKind } from '../types.js';
import { readId, writeId } from './ids.js';
import { readExtendedProperty, writeExtendedProperty } from './paths.js';
import { readInt } from './scalars.js';

// Folder kinds that extend FolderType and so may carry UnreadCount.
const HAS_UNREAD: ReadonlySet<FolderKind> = new Set(['Folder', 'SearchFolder', 'TasksFolder']);

/** BaseFolderType then FolderType, in schema order. */
export function writeFolder(w: XmlWriter, f: Folder): void {
  const tag = `t:${f.kind}`;
  w.open(tag);
  writeFolderProps(w, f);
  w.close(tag);
}

export function writeFolderProps(w: XmlWriter, f: Folder): void {
  writeId(w, 't:FolderId', f.folderId);
  writeId(w, 't:ParentFolderId', f.parentFolderId);
  w.leaf('t:FolderClass', f.folderClass)
    .leaf('t:DisplayName', f.displayName)
    .leaf('t:TotalCount', f.totalCount)
    .leaf('t:ChildFolderCount', f.childFolderCount);
  f.extendedProperties?.forEach((e) => writeExtendedProperty(w, e));
  w.leaf('t:DistinguishedFolderId', f.distinguishedFolderId);
  if (HAS_UNREAD.has(f.kind)) w.leaf('t:UnreadCount', f.unreadCount);
}

const FOLDER_NAMES: ReadonlySet<string> = new Set(FOLDER_KINDS);

export function isFolderElement(el: XmlElement): boolean {
  return el.uri === NS.t && FOLDER_NAMES.has(el.local);
}

export function readFolder(el: XmlElement): Folder {
  if (!isFolderElement(el)) throw new CodecError('unexpected', `<${el.local}> is not a folder`);
  const f: Folder = { kind: el.local as FolderKind };
  for (const c of el.children) {
    if (c.uri !== NS.t) continue;
    switch (c.local) {
      case 'FolderId':
        f.folderId = readId(c)!;
        break;
      case 'ParentFolderId':
        f.parentFolderId = readId(c)!;
        break;
      case 'FolderClass':
        f.folderClass = c.text;
        break;
      case 'DisplayName':
        f.displayName = c.text;
        break;
      case 'TotalCount':
        f.totalCount = readInt(c.text)!;
        break;
      case 'ChildFolderCount':
        f.childFolderCount = readInt(c.text)!;
        break;
      case 'ExtendedProperty':
        (f.extendedProperties ??= []).push(readExtendedProperty(c));
        break;
      case 'DistinguishedFolderId':
        f.distinguishedFolderId = c.text;
        break;
      case 'UnreadCount':
        f.unreadCount = readInt(c.text)!;
        break;
    }
  }
  return f;
}

export function readFolders(container: XmlElement | undefined): Folder[] {
  return (container?.children ?? []).filter(isFolderElement).map(readFolder);
}
