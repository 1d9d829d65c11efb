import {
  CodecError,
  DEFAULT_LIMITS,
  OPERATIONS,
  decodeRequest,
  type FullOperation,
  type XmlElement,
  type XmlLimits,
} from '../ews/index.js';

/** A SOAP request the server has read and checked, ready for the mailbox or the upstream. */
export interface EwsRequest {
  /** The operation, by the local name of the body's first element. */
  name: string;
  op: FullOperation<unknown, unknown>;
  /** What `op.readRequest` made of it. */
  request: unknown;
  /** The request exactly as the client sent it. */
  xml: string;
}

/** Why a request is refused before it reaches the mailbox or the upstream; becomes a SOAP fault. */
export class EwsRefusal extends Error {
  override name = 'EwsRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * SOAP headers that change who a request acts as. Every request acts as the signed-in user, and
 * the proxy must never carry a header that could escalate a service account's rights (SECURITY.md §5.1).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/exchangeimpersonation
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/serializedsecuritycontext
 */
export const IDENTITY_HEADERS: ReadonlySet<string> = new Set([
  'ExchangeImpersonation',
  'SerializedSecurityContext',
  'OpenAsAdminOrSystemService',
]);

/**
 * The operations whose requests carry a message or a file (a MIME message, an attachment's
 * content, a draft's text), and may be as large as the server accepts. Any other request holds
 * ids, shapes and flags: Tern's largest, 100 ids with their change keys, is about 25 KB.
 */
export const LARGE_REQUEST_OPERATIONS: ReadonlySet<string> = new Set(['CreateItem', 'UpdateItem', 'CreateAttachment']);

/** The most any other request may have (SECURITY.md §5.4: "1 MB otherwise"). */
export const SMALL_REQUEST_BYTES = 1024 * 1024;

/** Request documents are small except CreateItem with attachments; bound what one may cost to read. */
export function requestLimits(maxBytes: number): XmlLimits {
  return { ...DEFAULT_LIMITS, maxLength: maxBytes, maxDepth: 64, maxElements: 100_000, maxAttributes: 64 };
}

/**
 * Reads a SOAP request with the codec: well-formed, no DTD, within `limits`, one operation the
 * codec knows (and `allowed` admits), no identity header, and a body `readRequest` accepts.
 */
export function readEwsRequest(
  xml: string,
  limits: XmlLimits,
  allowed: (name: string) => boolean = () => true,
): EwsRequest {
  let decoded;
  try {
    decoded = decodeRequest(xml, limits);
  } catch (e) {
    throw refusalFor(e);
  }
  const { name, element, header } = decoded;
  const identity = header?.children.find((h: XmlElement) => IDENTITY_HEADERS.has(h.local));
  if (identity)
    throw new EwsRefusal(
      403,
      'ErrorImpersonationDenied',
      `The SOAP header ${identity.local} is not allowed: every request acts as the signed-in user.`,
    );
  if (!allowed(name))
    throw new EwsRefusal(403, 'ErrorAccessDenied', `The EWS operation ${name} is not allowed through this server.`);
  const op = OPERATIONS[name];
  if (!op) throw new EwsRefusal(500, 'ErrorInvalidRequest', `The EWS operation ${name} is not supported.`);
  try {
    return { name, op, request: op.readRequest(element), xml };
  } catch (e) {
    throw refusalFor(e);
  }
}

function refusalFor(e: unknown): EwsRefusal {
  if (e instanceof CodecError)
    // Exchange answers requests it cannot read with ErrorSchemaValidation as a fault (sample 06).
    return new EwsRefusal(500, 'ErrorSchemaValidation', `The request is not valid EWS: ${e.message}.`);
  throw e;
}
