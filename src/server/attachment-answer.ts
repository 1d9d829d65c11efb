import { GetAttachment, attachmentFileName, type DecodedResponse, type Operation } from '../ews/index.js';
import { answerMessages, messageRefusal, plainAnswer } from './backend-answer.js';
import { downloadAnswer } from './download-answer.js';

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
  const messages = await answerMessages(op, 'download', answer);
  if (messages instanceof Response) return messages;
  const message = messages[0]!;
  if (message.responseClass !== 'Success')
    return GONE.has(message.responseCode) ? plainAnswer(404, NOT_THERE[what]) : messageRefusal('download', message);
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
