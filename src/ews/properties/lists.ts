import type { XmlWriter } from '../xml/write.js';
import type { Folder, FolderRef, Item, ItemId } from '../types.js';
import { writeFolderRef, writeId } from './ids.js';
import { writeItem } from './item.js';
import { writeFolder } from './folder.js';

/** `tag` holding `t:ItemId` elements (NonEmptyArrayOfBaseItemIdsType). */
export function writeItemIds(w: XmlWriter, tag: string, ids: ItemId[]): void {
  w.el(tag, undefined, () => ids.forEach((id) => writeId(w, 't:ItemId', id)));
}

/** `tag` holding `t:FolderId`/`t:DistinguishedFolderId` elements. */
export function writeFolderRefs(w: XmlWriter, tag: string, refs: FolderRef[]): void {
  w.el(tag, undefined, () => refs.forEach((r) => writeFolderRef(w, r)));
}

/** `tag` holding items; written even when empty (`<m:Items/>`), as Exchange does on errors. */
export function writeItems(w: XmlWriter, tag: string, items: Item[] | undefined): void {
  w.el(tag, undefined, () => items?.forEach((i) => writeItem(w, i)));
}

export function writeFolders(w: XmlWriter, tag: string, folders: Folder[] | undefined): void {
  w.el(tag, undefined, () => folders?.forEach((f) => writeFolder(w, f)));
}
