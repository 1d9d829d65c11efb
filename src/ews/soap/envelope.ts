import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import { parseXml, type XmlLimits, DEFAULT_LIMITS } from '../xml/read.js';
import { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Response } from '../types.js';
import { readStatus, writeStatus } from '../response.js';
import { readFault } from './fault.js';
import { asMeant } from './as-meant.js';

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';
const OP_NS = { 'xmlns:m': NS.m, 'xmlns:t': NS.t };

/**
 * What the server says it is, sent as `h:ServerVersionInfo` on every non-fault answer
 * (Thunderbird's EWS client crashes without the SOAP header).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/serverversioninfo
 */
export interface ServerVersionInfo {
  majorVersion: number;
  minorVersion: number;
  majorBuildNumber: number;
  minorBuildNumber: number;
  version?: string;
}

export const TERN_SERVER_VERSION: ServerVersionInfo = {
  majorVersion: 15,
  minorVersion: 20,
  majorBuildNumber: 8769,
  minorBuildNumber: 35,
  version: 'V2018_01_08',
};

export interface RequestOptions {
  /**
   * `t:RequestServerVersion`; Exchange2013_SP1 is the oldest that knows item:Flag and Preview.
   * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/requestserverversion
   */
  version?: string;
}

/** A whole SOAP request for `op`. */
export function encodeRequest<Req>(op: Operation<Req, unknown>, req: Req, opts: RequestOptions = {}): string {
  const w = new XmlWriter().raw(XML_DECL);
  w.open('soap:Envelope', { 'xmlns:soap': NS.soap });
  w.el('soap:Header', undefined, () =>
    w.empty('t:RequestServerVersion', { 'xmlns:t': NS.t, Version: opts.version ?? 'Exchange2013_SP1' }),
  );
  w.open('soap:Body');
  w.open(`m:${op.name}`, { ...OP_NS, ...op.requestAttrs?.(req) });
  op.writeRequest(w, req);
  w.close(`m:${op.name}`).close('soap:Body').close('soap:Envelope');
  return w.toString();
}

/** A request as the server sees it: the operation element and what the header said. */
export interface DecodedRequest {
  /** Local name of the body's first element: how EWS picks the operation (no SOAPAction needed). */
  name: string;
  element: XmlElement;
  requestServerVersion?: string;
  header?: XmlElement;
}

/**
 * Reads a SOAP request by namespace, never by prefix. Its shape must be exact: one optional
 * Header, then one Body holding one operation. The proxy checks what it reads here (the
 * operation, the identity headers) and passes the bytes on, so nothing may be there that another
 * reader could take instead: a second Header with an ExchangeImpersonation, a second operation.
 */
export function decodeRequest(xml: string, limits: XmlLimits = DEFAULT_LIMITS): DecodedRequest {
  const root = readEnvelope(xml, limits);
  const { header, body } = openEnvelope(root);
  const shape = root.children.map((c) => (c.uri === NS.soap ? c.local : `<${c.local}>`)).join(', ');
  if (shape !== 'Header, Body' && shape !== 'Body')
    throw new CodecError('not-soap', `the SOAP Envelope must hold a Header and a Body, in that order, not ${shape}`);
  const element = body.children[0];
  if (!element) throw new CodecError('not-soap', 'the SOAP Body is empty: it must hold one EWS operation');
  if (body.children.length > 1)
    throw new CodecError(
      'not-soap',
      `the SOAP Body holds ${body.children.length} elements: it must hold one EWS operation`,
    );
  if (element.uri !== NS.m) throw new CodecError('not-soap', `<${element.local}> is not in the EWS messages namespace`);
  const out: DecodedRequest = { name: element.local, element: asMeant(element) };
  const version = child(header, NS.t, 'RequestServerVersion')?.attrs['Version'];
  if (version !== undefined) out.requestServerVersion = version;
  if (header) out.header = header;
  return out;
}

/** A whole SOAP response for `op`: one response message per entry, in order. */
export function encodeResponse<Msg>(
  op: ServerOperation<unknown, Msg>,
  messages: Response<Msg>[],
  server: ServerVersionInfo = TERN_SERVER_VERSION,
): string {
  const w = new XmlWriter().raw(XML_DECL);
  w.open('s:Envelope', { 'xmlns:s': NS.soap });
  w.el('s:Header', undefined, () =>
    w.empty('h:ServerVersionInfo', {
      MajorVersion: server.majorVersion,
      MinorVersion: server.minorVersion,
      MajorBuildNumber: server.majorBuildNumber,
      MinorBuildNumber: server.minorBuildNumber,
      Version: server.version,
      'xmlns:h': NS.t,
      xmlns: NS.t,
    }),
  );
  w.open('s:Body', { 'xmlns:xsi': NS.xsi, 'xmlns:xsd': NS.xsd });
  if (op.flatResponse) {
    const msg = messages[0]!;
    w.open(`m:${op.flatResponse}`, OP_NS).open('m:ResponseMessage', { ResponseClass: msg.responseClass });
    writeStatus(w, msg);
    w.close('m:ResponseMessage');
    op.writeMessage(w, msg);
    w.close(`m:${op.flatResponse}`).close('s:Body').close('s:Envelope');
    return w.toString();
  }
  w.open(`m:${op.name}Response`, { ...OP_NS, 'xmlns:xsi': NS.xsi, 'xmlns:xsd': NS.xsd }).open('m:ResponseMessages');
  const tag = `m:${op.name}ResponseMessage`;
  for (const msg of messages) {
    w.open(tag, { ResponseClass: msg.responseClass });
    writeStatus(w, msg);
    op.writeMessage(w, msg);
    w.close(tag);
  }
  w.close('m:ResponseMessages').close(`m:${op.name}Response`).close('s:Body').close('s:Envelope');
  return w.toString();
}

/** A decoded response: its messages, in request order, and the server's version when it said. */
export interface DecodedResponse<Msg> {
  messages: Response<Msg>[];
  server?: ServerVersionInfo;
}

/**
 * Reads a response to `op`. A SOAP fault becomes a thrown `SoapFault` (ErrorServerBusy carries
 * its back-off); anything that is not this operation's response becomes a `CodecError`.
 */
export function decodeResponse<Msg>(
  op: Operation<unknown, Msg>,
  xml: string,
  limits: XmlLimits = DEFAULT_LIMITS,
): DecodedResponse<Msg> {
  const { header, body } = openEnvelope(readEnvelope(xml, limits));
  const fault = child(body, NS.soap, 'Fault');
  if (fault) throw readFault(fault);
  const first = body.children[0];
  if (!first) throw new CodecError('not-soap', `the SOAP Body is empty: expected ${op.name}Response`);
  const name = op.flatResponse ?? `${op.name}Response`;
  const resp = child(body, NS.m, name);
  if (!resp) throw new CodecError('unexpected', `expected ${name}, the server sent ${first.local}`);
  const head = op.flatResponse ? 'ResponseMessage' : 'ResponseMessages';
  const list = child(resp, NS.m, head);
  if (!list) throw new CodecError('unexpected', `${name} has no ${head}`);
  const messages = (op.flatResponse ? [list] : list.children.filter((c) => c.uri === NS.m)).map(
    (el) => ({ ...readStatus(el), ...op.readMessage(op.flatResponse ? resp : el) }) as Response<Msg>,
  );
  const out: DecodedResponse<Msg> = { messages };
  const info = header?.children.find((c) => c.local === 'ServerVersionInfo');
  if (info) out.server = readServerVersion(info);
  return out;
}

function readServerVersion(el: XmlElement): ServerVersionInfo {
  const n = (k: string) => Number(el.attrs[k] ?? 0);
  const info: ServerVersionInfo = {
    majorVersion: n('MajorVersion'),
    minorVersion: n('MinorVersion'),
    majorBuildNumber: n('MajorBuildNumber'),
    minorBuildNumber: n('MinorBuildNumber'),
  };
  if (el.attrs['Version'] !== undefined) info.version = el.attrs['Version'];
  return info;
}

// Proxies, captive portals and IIS answer with HTML pages (Exchange 2007 sends its errors that
// way): say so, rather than calling the page malformed XML or, for its DOCTYPE, an attack.
const HTML_PAGE = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;

/** The parsed document, or a clear word when an HTML page (a portal, a sign-in page) came instead. */
function readEnvelope(xml: string, limits: XmlLimits): XmlElement {
  const head = xml.slice(0, 4096);
  if (HTML_PAGE.test(head)) {
    const title = /<title[^>]*>([^<]{1,200})/i.exec(head)?.[1]?.trim();
    throw new CodecError('not-soap', `an HTML page${title ? ` ("${title}")` : ''} came instead of a SOAP envelope`);
  }
  return parseXml(xml, limits);
}

/** Finds Header and Body in a SOAP 1.1 envelope, whatever the prefixes. */
export function openEnvelope(root: XmlElement): { header?: XmlElement; body: XmlElement } {
  if (root.uri !== NS.soap || root.local !== 'Envelope')
    throw new CodecError(
      'not-soap',
      `expected a SOAP 1.1 Envelope, found <${root.local}> in "${root.uri || 'no namespace'}"`,
    );
  const body = child(root, NS.soap, 'Body');
  if (!body) throw new CodecError('not-soap', 'the SOAP Envelope has no Body');
  const header = child(root, NS.soap, 'Header');
  return header ? { header, body } : { body };
}
