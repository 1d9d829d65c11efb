import { NS } from './namespaces.js';
import { childText, type XmlElement } from './xml/node.js';
import type { XmlWriter } from './xml/write.js';
import { CodecError } from './errors.js';
import type { ResponseClass, ResponseStatus } from './types.js';
import { readInt } from './properties/scalars.js';

/** MessageText, ResponseCode, DescriptiveLinkKey, MessageXml: the common head of a response message. */
export function writeStatus(w: XmlWriter, s: ResponseStatus): void {
  w.leaf('m:MessageText', s.messageText)
    .leaf('m:ResponseCode', s.responseCode)
    .leaf('m:DescriptiveLinkKey', s.descriptiveLinkKey);
  if (s.messageXml) w.el('m:MessageXml', undefined, () => writeValues(w, s.messageXml!));
}

/** `t:Value Name=…` pairs, the form MessageXml takes for back-off and inner errors. */
export function writeValues(w: XmlWriter, values: Record<string, string>): void {
  for (const name in values) w.leaf('t:Value', values[name]!, { Name: name });
}

/**
 * Values from a MessageXml element: `t:Value` by Name, any other element by its local name.
 * Names come from the server, so they are defined as own properties (`Object.fromEntries`):
 * plain assignment would drop a value named `__proto__`.
 */
export function readValues(el: XmlElement | undefined): Record<string, string> | undefined {
  if (!el) return undefined;
  return Object.fromEntries(
    el.children.map((c) => [c.local === 'Value' ? (c.attrs['Name'] ?? 'Value') : c.local, c.text]),
  );
}

export function readStatus(el: XmlElement): ResponseStatus {
  const cls = el.attrs['ResponseClass'];
  if (cls !== 'Success' && cls !== 'Warning' && cls !== 'Error')
    throw new CodecError('unexpected', `<${el.local}> has ResponseClass "${cls ?? ''}"`);
  const s: ResponseStatus = {
    responseClass: cls as ResponseClass,
    responseCode: childText(el, NS.m, 'ResponseCode') ?? 'NoError',
  };
  const text = childText(el, NS.m, 'MessageText');
  const link = readInt(childText(el, NS.m, 'DescriptiveLinkKey'));
  const xml = readValues(el.children.find((c) => c.local === 'MessageXml' && c.uri === NS.m));
  if (text !== undefined) s.messageText = text;
  if (link !== undefined) s.descriptiveLinkKey = link;
  if (xml) s.messageXml = xml;
  return s;
}

/** Keeps only the status fields of a response message (for building error answers). */
export function statusOf(s: ResponseStatus): ResponseStatus {
  const out: ResponseStatus = { responseClass: s.responseClass, responseCode: s.responseCode };
  if (s.messageText !== undefined) out.messageText = s.messageText;
  if (s.descriptiveLinkKey !== undefined) out.descriptiveLinkKey = s.descriptiveLinkKey;
  if (s.messageXml !== undefined) out.messageXml = s.messageXml;
  return out;
}
