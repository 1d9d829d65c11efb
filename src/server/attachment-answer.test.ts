import { describe, expect, it } from 'vitest';
import {
  GetAttachmentServer,
  encodeFault,
  encodeResponse,
  type GetAttachmentMessage,
  type Item,
  type Response as EwsResponse,
} from '../ews/index.js';
import { attachmentAnswer } from './attachment-answer.js';
import { downloadType } from './download-answer.js';
import { xmlAnswer } from './soap-answer.js';

const answer = (...messages: EwsResponse<GetAttachmentMessage>[]) =>
  xmlAnswer(200, encodeResponse(GetAttachmentServer, messages));

const ok = (attachments: GetAttachmentMessage['attachments']): EwsResponse<GetAttachmentMessage> => ({
  responseClass: 'Success',
  responseCode: 'NoError',
  attachments,
});

const MIME = 'From: ada@example.org\r\nSubject: Minutes\r\n\r\nSee you.\r\n';

/** The answer for an attached message called Minutes, carrying `item`. */
const attachedMessage = (item: Item) =>
  answer(ok([{ kind: 'ItemAttachment', attachmentId: 'a1', name: 'Minutes', item }]));

describe('attachmentAnswer', () => {
  it('downloads an attached message as its MIME source, an .eml file', async () => {
    const res = await attachmentAnswer(
      attachedMessage({ kind: 'Message', subject: 'Minutes', mimeContent: Buffer.from(MIME).toString('base64') }),
      'Minutes',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Minutes.eml");
    expect(await res.text()).toBe(MIME);
  });

  it('answers 404 for an attached message the server gives no MIME for', async () => {
    const res = await attachmentAnswer(attachedMessage({ kind: 'Message', subject: 'Minutes' }), undefined);
    expect(res.status).toBe(404);
  });

  it('downloads an empty file as zero bytes', async () => {
    const res = await attachmentAnswer(
      answer(ok([{ kind: 'FileAttachment', attachmentId: 'a1', name: 'empty.bin', content: '' }])),
      undefined,
    );
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 502 with the server’s words for an error it cannot act on', async () => {
    const res = await attachmentAnswer(
      answer({ responseClass: 'Error', responseCode: 'ErrorAccessDenied', messageText: 'Access is denied.' }),
      undefined,
    );
    expect(res.status).toBe(502);
    expect(await res.text()).toBe('The mail server refused the download: Access is denied. (ErrorAccessDenied).');
  });

  it('answers 502 when the proxy could not reach the server, in its words', async () => {
    const fault = encodeFault({
      code: 'ErrorInternalServerTransientError',
      message: 'Tern could not get an answer: the mail server could not be reached (ECONNREFUSED).',
    });
    for (const status of [502, 504]) {
      const res = await attachmentAnswer(xmlAnswer(status, fault), undefined);
      expect(res.status).toBe(502);
      expect(await res.text()).toBe(
        'Tern could not get an answer: the mail server could not be reached (ECONNREFUSED).',
      );
    }
  });

  it('answers 502 for an answer that is not EWS', async () => {
    const res = await attachmentAnswer(new Response('<html>gateway</html>', { status: 200 }), undefined);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/could not be read/);
  });
});

describe('downloadType', () => {
  it('keeps inert types and turns anything a browser could render or run into bytes', () => {
    expect(downloadType('image/PNG')).toBe('image/png');
    expect(downloadType('application/pdf; name="x.pdf"')).toBe('application/pdf');
    // Only type/subtype goes out: nothing a sender wrote after it can reach the header.
    expect(downloadType('image/png\r\nset-cookie: a=b')).toBe('image/png');
    for (const active of [
      'text/html',
      'text/plain',
      'image/svg+xml',
      'application/xhtml+xml',
      'application/javascript',
      'application/ecmascript',
      'application/json',
      'text/css',
      'bogus',
      undefined,
    ])
      expect(downloadType(active), String(active)).toBe('application/octet-stream');
  });
});
