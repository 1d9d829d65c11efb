import {
  CodecError,
  GetAttachment,
  SoapFault,
  attachmentFileName,
  decodeResponse,
  parseBackOff,
  type DecodedResponse,
  type Operation,
} from '../ews/index.js';
import { downloadAnswer } from './download-answer.js';

/** A plain sentence with its status: what a person sees in the browser when a download fails. */
export function plainAnswer(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

// What Exchange answers for an id that names nothing (any more): deleted, moved (ids change with
// the folder), or never valid.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
const GONE = new Set(['ErrorItemNotFound', 'ErrorInvalidIdNotFound', 'ErrorInvalidIdMalformed', 'ErrorInvalidId']);

/** What a download tells of a file that is not there, by what it downloads. */
export const NOT_THERE = {
  attachment:
    'The attachment is not on the mail server any more: its message may have been deleted or moved. Open the message again and retry.',
  message:
    'The message is not on the mail server any more: it may have been deleted or moved. Open it again and retry.',
} as const;

/** 503 with the server's back-off as Retry-After (whole seconds) when it gave one. */
function busy(retryAfter: string | undefined): Response {
  const when = retryAfter ? `in ${retryAfter} s` : 'shortly';
  return plainAnswer(
    503,
    `The mail server is busy and asked Tern to wait: try the download again ${when}.`,
    retryAfter ? { 'retry-after': retryAfter } : {},
  );
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : String(Math.max(1, Math.ceil(ms / 1000))));

/** The fault's own sentence, without the code SoapFault puts in front. */
const faultText = (f: SoapFault) => f.message.slice(f.code.length + 2);

/**
 * Reads the backend's answer to the one request a download makes (GetAttachment, or GetItem for
 * a whole message) and hands its response message to `take`, which makes the file; any other
 * outcome becomes a status and a sentence that say what happened.
 */
export async function downloadOf<Msg>(
  op: Operation<unknown, Msg>,
  what: keyof typeof NOT_THERE,
  answer: Response,
  take: (message: DecodedResponse<Msg>['messages'][number]) => Response,
): Promise<Response> {
  // Already ours: the session's "sign in again" (an upstream 401, or the injected one).
  if (answer.status === 401) return answer;
  if (answer.status === 503 || answer.status === 429) return busy(answer.headers.get('retry-after') ?? undefined);
  let messages;
  try {
    messages = decodeResponse(op, await answer.text()).messages;
  } catch (err) {
    if (err instanceof SoapFault) {
      if (err.code === 'ErrorServerBusy') return busy(seconds(err.backOffMs));
      // The proxy's own fault when the upstream gave no answer (502) or none in time (504).
      if (answer.status === 502 || answer.status === 504) return plainAnswer(502, `${faultText(err)}`);
      return plainAnswer(502, `The mail server refused the download: ${faultText(err)}`);
    }
    if (err instanceof CodecError)
      return plainAnswer(502, `The mail server's answer could not be read: ${err.message}.`);
    throw err;
  }
  const message = messages[0];
  if (!message) return plainAnswer(502, 'The mail server answered without a response message.');
  if (message.responseClass !== 'Success') {
    if (message.responseCode === 'ErrorServerBusy') return busy(seconds(parseBackOff(message.messageXml)));
    if (GONE.has(message.responseCode)) return plainAnswer(404, NOT_THERE[what]);
    return plainAnswer(
      502,
      `The mail server refused the download: ${message.messageText ?? message.responseCode} (${message.responseCode}).`,
    );
  }
  return take(message);
}

/**
 * Turns the backend's answer to one GetAttachment into what the browser gets: the file as a
 * download, or a status and a sentence that say what happened. `name` is the page's name for the
 * file (`?name=`); the server's name is used without it.
 */
export function attachmentAnswer(answer: Response, name: string | undefined): Promise<Response> {
  return downloadOf(GetAttachment, 'attachment', answer, (message) => {
    const attachment = message.attachments?.[0];
    // An attached message comes as its MIME source (asked for with IncludeMimeContent): an .eml file.
    if (attachment?.kind === 'ItemAttachment' && attachment.item?.mimeContent) {
      const fileName = attachmentFileName({ ...attachment, name: name || attachment.name || attachment.item.subject });
      return downloadAnswer(Buffer.from(attachment.item.mimeContent, 'base64'), fileName, 'message/rfc822');
    }
    if (attachment?.content === undefined) return plainAnswer(404, NOT_THERE.attachment);
    return downloadAnswer(
      Buffer.from(attachment.content, 'base64'),
      name || attachment.name || 'attachment',
      attachment.contentType,
    );
  });
}
