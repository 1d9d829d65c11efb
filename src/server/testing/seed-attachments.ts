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
 * Delivers one message carrying `files` to `user`'s Inbox and returns the item id and its
 * attachments as GetItem sees them (with their ids), in the order given.
 */
export async function seedAttachments(
  mailbox: Mailbox,
  files: SeedFile[],
  user = 'demo@tern.test',
): Promise<{ itemId: string; attachments: Attachment[] }> {
  const subject = `Files ${randomUUID()}`;
  const parts = files.flatMap((f) => [
    '--b1',
    `Content-Type: ${f.type}; name="${f.name}"`,
    `Content-Disposition: attachment; filename="${f.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(f.bytes).toString('base64').replace(/.{76}/g, '$&\r\n'),
  ]);
  const mime = [
    'From: Ada <ada@example.org>',
    `To: <${user}>`,
    `Subject: ${subject}`,
    `Message-ID: <${randomUUID()}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Files attached.',
    ...parts,
    '--b1--',
    '',
  ].join('\r\n');
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
