import { CodecError, OPERATIONS, type XmlLimits } from '../../ews/index.js';
import { EwsRefusal, IDENTITY_HEADERS, type EwsRequest } from '../ews-request.js';
import { scanRequest } from './scan-request.js';

/**
 * Proxy mode's reading of a SOAP request: the same refusals as `readEwsRequest` (malformed, DTD,
 * limits, identity header, operation not allowed), from a scan instead of a parse. The upstream
 * reads the request itself, so the operation's content is not read here and `request` stays
 * undefined; a request the upstream finds invalid comes back as the upstream's own fault.
 */
export function readForwardedRequest(xml: string, limits: XmlLimits, allowed: (name: string) => boolean): EwsRequest {
  let scanned;
  try {
    scanned = scanRequest(xml, limits);
  } catch (e) {
    if (e instanceof CodecError)
      throw new EwsRefusal(500, 'ErrorSchemaValidation', `The request is not valid EWS: ${e.message}.`);
    throw e;
  }
  const { name, headers } = scanned;
  const identity = headers.find((h) => IDENTITY_HEADERS.has(h));
  if (identity)
    throw new EwsRefusal(
      403,
      'ErrorImpersonationDenied',
      `The SOAP header ${identity} is not allowed: every request acts as the signed-in user.`,
    );
  if (!allowed(name))
    throw new EwsRefusal(403, 'ErrorAccessDenied', `The EWS operation ${name} is not allowed through this server.`);
  const op = OPERATIONS[name];
  if (!op) throw new EwsRefusal(500, 'ErrorInvalidRequest', `The EWS operation ${name} is not supported.`);
  return { name, op, request: undefined, xml };
}
