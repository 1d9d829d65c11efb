import { randomUUID } from 'node:crypto';
import { GetItem, decodeResponse, encodeRequest, type Attachment } from '../../ews/index.js';
import type { Mailbox } from '../mailbox/mailbox.js';
import { inboxItems } from './test-mailbox.js';

/** A file to attach: its name, MIME type and exact bytes. */
export interface SeedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * A message as delivery takes it: plain text alone, or followed by `files` as base64 parts of a
 * multipart/mixed when there are any.
 */
export function mimeMessage(m: {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  date?: Date;
  files?: SeedFile[];
}): string {
  const files = m.files ?? [];
  const head = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${m.subject}`,
    `Message-ID: <${randomUUID()}@example.org>`,
    ...(m.date ? [`Date: ${m.date.toUTCString()}`] : []),
  ];
  const text = ['Content-Type: text/plain; charset=utf-8', '', m.text];
  if (files.length === 0) return [...head, ...text].join('\r\n');
  const parts = files.flatMap((f) => [
    '--b1',
    `Content-Type: ${f.type}; name="${f.name}"`,
    `Content-Disposition: attachment; filename="${f.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(f.bytes).toString('base64').replace(/.{76}/g, '$&\r\n'),
  ]);
  return [
    ...head,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    ...text,
    ...parts,
    '--b1--',
    '',
  ].join('\r\n');
}

/**
 * Delivers one message carrying `files` to `user`'s Inbox and returns the item id and its
 * attachments as GetItem sees them (with their ids), in the order given.
 */
export async function seedAttachments(
  mailbox: Mailbox,
  files: SeedFile[],
  user = 'demo@tern.test',
): Promise<{ itemId: string; attachments: Attachment[] }> {
  const subject = `Files ${randomUUID()}`;
  const mime = mimeMessage({ from: 'Ada <ada@example.org>', to: `<${user}>`, subject, text: 'Files attached.', files });
  await mailbox.deliver(mime, [user], 'ada@example.org');
  const item = (await inboxItems(mailbox, 512, user)).find((i) => i.subject === subject);
  if (!item?.itemId) throw new Error(`the delivered message "${subject}" is not in the Inbox`);
  const soap = encodeRequest(GetItem, {
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
    itemIds: [item.itemId],
  });
  const [got] = decodeResponse(GetItem, (await mailbox.handle(user, soap)).body).messages;
  const attachments = got?.items?.[0]?.attachments ?? [];
  if (attachments.length !== files.length)
    throw new Error(`expected ${files.length} attachments, got ${attachments.length}`);
  return { itemId: item.itemId.id, attachments };
}
