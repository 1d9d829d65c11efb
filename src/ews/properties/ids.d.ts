import { type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { FolderRef, ItemId } from '../types.js';
export declare function writeId(w: XmlWriter, name: string, id: ItemId | undefined): void;
export declare function readId(el: XmlElement | undefined): ItemId | undefined;
export declare function writeFolderRef(w: XmlWriter, ref: FolderRef): void;
/** Reads one `t:FolderId` or `t:DistinguishedFolderId`. */
export declare function readFolderRef(el: XmlElement): FolderRef;
/** Reads the folder ids inside a container such as `m:FolderIds` or `m:ToFolderId`. */
export declare function readFolderRefs(container: XmlElement | undefined): FolderRef[];
/** Reads the item ids inside `m:ItemIds`; only `t:ItemId` is supported. */
export declare function readItemIds(container: XmlElement | undefined): ItemId[];
