import { NS } from '../namespaces.js';
import { childrenNamed, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { ExtendedFieldURI, ExtendedProperty, PropertyPath } from '../types.js';
import { readInt } from './scalars.js';

/** Exchange's canonical property tag: `0x%x`, lower case, no leading zeros (DavMail compares strings). */
export function canonicalTag(tag: string): string {
  const n = /^0x/i.test(tag) ? parseInt(tag.slice(2), 16) : Number(tag);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new CodecError('unexpected', `"${tag}" is not a property tag`);
  return `0x${n.toString(16)}`;
}

export function extendedAttrs(f: ExtendedFieldURI) {
  return {
    DistinguishedPropertySetId: f.distinguishedPropertySetId,
    PropertySetId: f.propertySetId,
    PropertyTag: f.propertyTag,
    PropertyName: f.propertyName,
    PropertyId: f.propertyId,
    PropertyType: f.propertyType,
  };
}

export function readExtendedField(el: XmlElement): ExtendedFieldURI {
  const a = el.attrs;
  const propertyType = a['PropertyType'];
  if (propertyType === undefined) throw new CodecError('unexpected', '<ExtendedFieldURI> has no PropertyType');
  const f: ExtendedFieldURI = { propertyType };
  if (a['DistinguishedPropertySetId'] !== undefined) f.distinguishedPropertySetId = a['DistinguishedPropertySetId'];
  if (a['PropertySetId'] !== undefined) f.propertySetId = a['PropertySetId'];
  if (a['PropertyTag'] !== undefined) f.propertyTag = canonicalTag(a['PropertyTag']);
  if (a['PropertyName'] !== undefined) f.propertyName = a['PropertyName'];
  if (a['PropertyId'] !== undefined) f.propertyId = readInt(a['PropertyId'])!;
  return f;
}

/** A key that identifies an extended property whatever the order of its attributes. */
export function extendedKey(f: ExtendedFieldURI): string {
  const set = f.distinguishedPropertySetId ?? f.propertySetId?.toLowerCase() ?? '';
  return `${set}|${f.propertyTag ?? ''}|${f.propertyName ?? ''}|${f.propertyId ?? ''}`;
}

export function writePath(w: XmlWriter, p: PropertyPath): void {
  if ('extended' in p) w.empty('t:ExtendedFieldURI', extendedAttrs(p.extended));
  else if ('fieldIndex' in p) w.empty('t:IndexedFieldURI', { FieldURI: p.fieldURI, FieldIndex: p.fieldIndex });
  else w.empty('t:FieldURI', { FieldURI: p.fieldURI });
}

/** Reads a path element, or undefined when `el` is not one. */
export function readPath(el: XmlElement): PropertyPath | undefined {
  if (el.uri !== NS.t) return undefined;
  switch (el.local) {
    case 'FieldURI':
      return { fieldURI: required(el, 'FieldURI') };
    case 'IndexedFieldURI':
      return { fieldURI: required(el, 'FieldURI'), fieldIndex: required(el, 'FieldIndex') };
    case 'ExtendedFieldURI':
      return { extended: readExtendedField(el) };
    default:
      return undefined;
  }
}

/** The first path among an element's children (SetItemField, FieldOrder, restrictions). */
export function readFirstPath(el: XmlElement): PropertyPath {
  for (const c of el.children) {
    const p = readPath(c);
    if (p) return p;
  }
  throw new CodecError('unexpected', `<${el.local}> names no property`);
}

export function readPaths(container: XmlElement | undefined): PropertyPath[] {
  const out: PropertyPath[] = [];
  for (const c of container?.children ?? []) {
    const p = readPath(c);
    if (p) out.push(p);
  }
  return out;
}

export function writeExtendedProperty(w: XmlWriter, p: ExtendedProperty): void {
  w.el('t:ExtendedProperty', undefined, () => {
    w.empty('t:ExtendedFieldURI', extendedAttrs(p.field));
    if (Array.isArray(p.value))
      w.el('t:Values', undefined, () => (p.value as string[]).forEach((v) => w.leaf('t:Value', v)));
    else w.leaf('t:Value', p.value);
  });
}

export function readExtendedProperty(el: XmlElement): ExtendedProperty {
  const f = el.children.find((c) => c.uri === NS.t && c.local === 'ExtendedFieldURI');
  if (!f) throw new CodecError('unexpected', '<ExtendedProperty> has no ExtendedFieldURI');
  const values = el.children.find((c) => c.uri === NS.t && c.local === 'Values');
  if (values) return { field: readExtendedField(f), value: childrenNamed(values, NS.t, 'Value').map((v) => v.text) };
  const value = el.children.find((c) => c.uri === NS.t && c.local === 'Value');
  return { field: readExtendedField(f), value: value?.text ?? '' };
}

function required(el: XmlElement, attr: string): string {
  const v = el.attrs[attr];
  if (v === undefined) throw new CodecError('unexpected', `<${el.local}> has no ${attr}`);
  return v;
}
