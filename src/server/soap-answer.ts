import { encodeFault } from '../ews/index.js';

/**
 * The one Content-Type every EWS answer carries, byte for byte: DavMail parses a response only
 * when the header equals this exact string (EWS-CLIENTS.md §1, `EWSMethod.handleResponse`).
 */
export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** An EWS answer: a SOAP envelope (or fault) as `text/xml; charset=utf-8`. */
export function xmlAnswer(status: number, xml: string, headers: Record<string, string> = {}): Response {
  return new Response(xml, { status, headers: { ...headers, 'content-type': XML_CONTENT_TYPE } });
}

/**
 * A SOAP fault in Exchange's form. Whole-request problems (schema validation, throttling) come
 * back this way with HTTP 500; transport refusals (401, 403, 413, 415) use their own status and
 * still carry a fault, so every EWS client gets a body it can read and a sentence a person can.
 */
export function faultAnswer(
  status: number,
  code: string,
  message: string,
  opts: { values?: Record<string, string>; headers?: Record<string, string> } = {},
): Response {
  return xmlAnswer(status, encodeFault({ code, message, values: opts.values ?? {} }), opts.headers);
}
