import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { BaseShape, FolderShape, ItemShape } from '../types.js';
import { readPaths, writePath } from './paths.js';
import { readBool } from './scalars.js';

/** ItemResponseShapeType, in schema order. */
export function writeItemShape(w: XmlWriter, tag: string, s: ItemShape): void {
  w.el(tag, undefined, () => {
    w.leaf('t:BaseShape', s.baseShape)
      .leaf('t:IncludeMimeContent', s.includeMimeContent)
      .leaf('t:BodyType', s.bodyType)
      .leaf('t:FilterHtmlContent', s.filterHtmlContent);
    if (s.additionalProperties?.length)
      w.el('t:AdditionalProperties', undefined, () => s.additionalProperties!.forEach((p) => writePath(w, p)));
  });
}

export function readItemShape(el: XmlElement | undefined): ItemShape {
  const s: ItemShape = { baseShape: readBaseShape(el) };
  const mime = readBool(childText(el, NS.t, 'IncludeMimeContent'));
  const bodyType = childText(el, NS.t, 'BodyType');
  const filter = readBool(childText(el, NS.t, 'FilterHtmlContent'));
  const extra = child(el, NS.t, 'AdditionalProperties');
  if (mime !== undefined) s.includeMimeContent = mime;
  if (bodyType !== undefined) {
    if (bodyType !== 'Best' && bodyType !== 'HTML' && bodyType !== 'Text')
      throw new CodecError('unexpected', `BodyType "${bodyType}" is not Best, HTML or Text`);
    s.bodyType = bodyType;
  }
  if (filter !== undefined) s.filterHtmlContent = filter;
  if (extra) s.additionalProperties = readPaths(extra);
  return s;
}

export function writeFolderShape(w: XmlWriter, tag: string, s: FolderShape): void {
  w.el(tag, undefined, () => {
    w.leaf('t:BaseShape', s.baseShape);
    if (s.additionalProperties?.length)
      w.el('t:AdditionalProperties', undefined, () => s.additionalProperties!.forEach((p) => writePath(w, p)));
  });
}

export function readFolderShape(el: XmlElement | undefined): FolderShape {
  const s: FolderShape = { baseShape: readBaseShape(el) };
  const extra = child(el, NS.t, 'AdditionalProperties');
  if (extra) s.additionalProperties = readPaths(extra);
  return s;
}

function readBaseShape(el: XmlElement | undefined): BaseShape {
  const v = childText(el, NS.t, 'BaseShape');
  if (v !== 'IdOnly' && v !== 'Default' && v !== 'AllProperties')
    throw new CodecError('unexpected', `BaseShape "${v ?? '(missing)'}" is not IdOnly, Default or AllProperties`);
  return v;
}
