import { type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { FolderShape, ItemShape } from '../types.js';
/** ItemResponseShapeType, in schema order. */
export declare function writeItemShape(w: XmlWriter, tag: string, s: ItemShape): void;
export declare function readItemShape(el: XmlElement | undefined): ItemShape;
export declare function writeFolderShape(w: XmlWriter, tag: string, s: FolderShape): void;
export declare function readFolderShape(el: XmlElement | undefined): FolderShape;
