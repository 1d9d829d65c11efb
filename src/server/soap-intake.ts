import type { Context } from 'hono';
import { peekOperation } from '../ews/index.js';
import { mediaType } from './media-type.js';
import {
  EwsRefusal,
  LARGE_REQUEST_OPERATIONS,
  SMALL_REQUEST_BYTES,
  readEwsRequest,
  requestLimits,
  type EwsRequest,
} from './ews-request.js';
import { BodyNotText, BodyTooLarge, formatBytes, type BodyLimit } from './read-body.js';
import { readRequestBody } from './request-body.js';
import { faultAnswer } from './soap-answer.js';

export interface IntakeRules {
  /** Request media types accepted (without parameters). */
  types: readonly string[];
  /** The most a request may have; only LARGE_REQUEST_OPERATIONS may pass SMALL_REQUEST_BYTES. */
  maxBytes: number;
  /** Operations admitted (proxy mode's allow-list); every known one when absent. */
  allowed?: (name: string) => boolean;
}

/**
 * Reads and checks the SOAP body of an authenticated request, or answers with the fault that
 * says what was wrong. Nothing reaches the mailbox or the upstream before every check passed.
 */
export async function intakeSoap(c: Context, rules: IntakeRules): Promise<EwsRequest | Response> {
  const type = mediaType(c.req.header('content-type'));
  if (!rules.types.includes(type))
    return faultAnswer(
      415,
      'ErrorInvalidRequest',
      `Send SOAP requests as ${rules.types.join(' or ')}, not ${type ? `"${type}"` : 'without a Content-Type'}.`,
    );
  // Only the operations that carry a message or a file may be large: any other body is cut off
  // at SMALL_REQUEST_BYTES, before more of it is held, once its start shows what it is.
  const small = Math.min(SMALL_REQUEST_BYTES, rules.maxBytes);
  let name: string | undefined;
  const limit: BodyLimit = {
    bytes: small,
    widen: {
      max: rules.maxBytes,
      to: (head) => {
        name = peekOperation(head.toString('utf8'));
        return name && LARGE_REQUEST_OPERATIONS.has(name) ? rules.maxBytes : small;
      },
    },
  };
  let xml: string;
  try {
    xml = await readRequestBody(c, limit);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return faultAnswer(413, 'ErrorMessageSizeExceeded', tooLarge(e.limit, small, rules.maxBytes, name));
    if (e instanceof BodyNotText) return faultAnswer(400, 'ErrorSchemaValidation', 'The request is not UTF-8 text.');
    throw e;
  }
  try {
    return readEwsRequest(xml, requestLimits(rules.maxBytes), rules.allowed);
  } catch (e) {
    if (e instanceof EwsRefusal) return faultAnswer(e.status, e.code, e.message);
    throw e;
  }
}

function tooLarge(limit: number, small: number, max: number, name: string | undefined): string {
  if (limit >= max) return `The request is larger than ${formatBytes(max)}, the most this server accepts.`;
  const large = [...LARGE_REQUEST_OPERATIONS].join(', ');
  const what = name
    ? `A ${name} request is larger than ${formatBytes(small)}, the most this server accepts for it`
    : `The request is larger than ${formatBytes(small)} and its start names no EWS operation`;
  return `${what}; only ${large} may be up to ${formatBytes(max)}. Send fewer items in one request.`;
}
