import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import { XmlWriter } from '../xml/write.js';
import { SoapFault } from '../errors.js';
import { readValues, writeValues } from '../response.js';

/**
 * Reads `soap:Fault`. `faultcode`, `faultstring` and `detail` are unqualified (SOAP 1.1); in
 * `detail`, ResponseCode and Message are in the errors namespace and MessageXml in types.
 * Exchange 2007 puts a schema error's Line and Position straight into `detail` (sample 07), later
 * versions put LineNumber and LinePosition in MessageXml (sample 06): both end up in `values`.
 */
export function readFault(fault: XmlElement): SoapFault {
  const plain = (local: string) => fault.children.find((c) => c.local === local && (c.uri === '' || c.uri === NS.soap));
  const faultcode = plain('faultcode')?.text.trim() || 'ErrorInternalServerError';
  const detail = plain('detail');
  const code = child(detail, NS.e, 'ResponseCode')?.text.trim() || faultcode.slice(faultcode.indexOf(':') + 1);
  const message = (child(detail, NS.e, 'Message') ?? plain('faultstring'))?.text.trim() ?? '';
  const extra = (detail?.children ?? []).filter(
    (c) => c.uri === NS.e && c.local !== 'ResponseCode' && c.local !== 'Message',
  );
  const xml = detail?.children.find((c) => c.local === 'MessageXml');
  return new SoapFault(code, message, {
    ...Object.fromEntries(extra.map((c) => [c.local, c.text])),
    ...readValues(xml),
  });
}

export interface FaultSpec {
  /** The EWS ResponseCode, e.g. ErrorServerBusy or ErrorSchemaValidation. */
  code: string;
  message: string;
  values?: Record<string, string>;
}

/**
 * A SOAP fault in Exchange's form (HTTP 500; no SOAP header).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
 */
export function encodeFault({ code, message, values }: FaultSpec): string {
  const w = new XmlWriter().raw('<?xml version="1.0" encoding="utf-8"?>');
  w.open('s:Envelope', { 'xmlns:s': NS.soap }).open('s:Body').open('s:Fault');
  w.leaf('faultcode', `a:${code}`, { 'xmlns:a': NS.t });
  w.leaf('faultstring', message, { 'xml:lang': 'en-US' });
  w.el('detail', undefined, () => {
    w.leaf('e:ResponseCode', code, { 'xmlns:e': NS.e });
    w.leaf('e:Message', message, { 'xmlns:e': NS.e });
    if (values && Object.keys(values).length) w.el('t:MessageXml', { 'xmlns:t': NS.t }, () => writeValues(w, values));
  });
  w.close('s:Fault').close('s:Body').close('s:Envelope');
  return w.toString();
}
