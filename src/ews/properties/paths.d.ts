import { type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { ExtendedFieldURI, ExtendedProperty, PropertyPath } from '../types.js';
/** Exchange's canonical property tag: `0x%x`, lower case, no leading zeros (DavMail compares strings). */
export declare function canonicalTag(tag: string): string;
export declare function extendedAttrs(f: ExtendedFieldURI): {
  DistinguishedPropertySetId: string | undefined;
  PropertySetId: string | undefined;
  PropertyTag: string | undefined;
  PropertyName: string | undefined;
  PropertyId: number | undefined;
  PropertyType: string;
};
export declare function readExtendedField(el: XmlElement): ExtendedFieldURI;
/** A key that identifies an extended property whatever the order of its attributes. */
export declare function extendedKey(f: ExtendedFieldURI): string;
export declare function writePath(w: XmlWriter, p: PropertyPath): void;
/** Reads a path element, or undefined when `el` is not one. */
export declare function readPath(el: XmlElement): PropertyPath | undefined;
/** The first path among an element's children (SetItemField, FieldOrder, restrictions). */
export declare function readFirstPath(el: XmlElement): PropertyPath;
export declare function readPaths(container: XmlElement | undefined): PropertyPath[];
export declare function writeExtendedProperty(w: XmlWriter, p: ExtendedProperty): void;
export declare function readExtendedProperty(el: XmlElement): ExtendedProperty;
