import type { Context } from 'hono';
import { mediaType } from './media-type.js';
import { EwsRefusal, readEwsRequest, requestLimits, type EwsRequest } from './ews-request.js';
import { BodyNotText, BodyTooLarge, formatBytes } from './read-body.js';
import { readRequestBody } from './request-body.js';
import { faultAnswer } from './soap-answer.js';

export interface IntakeRules {
  /** Request media types accepted (without parameters). */
  types: readonly string[];
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
  let xml: string;
  try {
    xml = await readRequestBody(c, rules.maxBytes);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return faultAnswer(
        413,
        'ErrorMessageSizeExceeded',
        `The request is larger than ${formatBytes(rules.maxBytes)}, the most this server accepts.`,
      );
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
