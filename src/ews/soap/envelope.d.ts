import { type XmlElement } from '../xml/node.js';
import { type XmlLimits } from '../xml/read.js';
import type { Operation } from '../operation.js';
import type { Response } from '../types.js';
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
export declare const TERN_SERVER_VERSION: ServerVersionInfo;
export interface RequestOptions {
  /**
   * `t:RequestServerVersion`; Exchange2013_SP1 is the oldest that knows item:Flag and Preview.
   * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/requestserverversion
   */
  version?: string;
}
/** A whole SOAP request for `op`. */
export declare function encodeRequest<Req>(op: Operation<Req, unknown>, req: Req, opts?: RequestOptions): string;
/** A request as the server sees it: the operation element and what the header said. */
export interface DecodedRequest {
  /** Local name of the body's first element: how EWS picks the operation (no SOAPAction needed). */
  name: string;
  element: XmlElement;
  requestServerVersion?: string;
  header?: XmlElement;
}
/** Reads a SOAP request by namespace, never by prefix. */
export declare function decodeRequest(xml: string, limits?: XmlLimits): DecodedRequest;
/** A whole SOAP response for `op`: one response message per entry, in order. */
export declare function encodeResponse<Msg>(
  op: Operation<unknown, Msg>,
  messages: Response<Msg>[],
  server?: ServerVersionInfo,
): string;
/** A decoded response: its messages, in request order, and the server's version when it said. */
export interface DecodedResponse<Msg> {
  messages: Response<Msg>[];
  server?: ServerVersionInfo;
}
/**
 * Reads a response to `op`. A SOAP fault becomes a thrown `SoapFault` (ErrorServerBusy carries
 * its back-off); anything that is not this operation's response becomes a `CodecError`.
 */
export declare function decodeResponse<Msg>(
  op: Operation<unknown, Msg>,
  xml: string,
  limits?: XmlLimits,
): DecodedResponse<Msg>;
/** Finds Header and Body in a SOAP 1.1 envelope, whatever the prefixes. */
export declare function openEnvelope(root: XmlElement): {
  header?: XmlElement;
  body: XmlElement;
};
