import { type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { type Item } from '../types.js';
/** Writes `<t:Message>` (or the item's kind) with the properties that are set, in schema order. */
export declare function writeItem(w: XmlWriter, item: Item): void;
/** Writes the properties of an item without its wrapper element (SetItemField carries one). */
export declare function writeItemProps(w: XmlWriter, item: Item): void;
export declare function isItemElement(el: XmlElement): boolean;
/** Reads any of the eleven item kinds; properties Tern does not model are skipped. */
export declare function readItem(el: XmlElement): Item;
/** The single item inside a container such as `m:Items`, `t:Create` or `t:ItemAttachment`. */
export declare function readItems(container: XmlElement | undefined): Item[];
