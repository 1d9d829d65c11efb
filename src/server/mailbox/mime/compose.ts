import MailComposer from 'nodemailer/lib/mail-composer';
import type { Addr } from '../store/rows.js';
import type { Header } from './headers.js';
import type { ParsedAttachment } from './parse.js';

/** A message given by properties (CreateItem without MimeContent), to become MIME. */
export interface Composition {
  from: Addr;
  sender?: Addr | undefined;
  to: Addr[];
  cc: Addr[];
  bcc: Addr[];
  replyTo: Addr[];
  subject: string;
  html?: string | undefined;
  text?: string | undefined;
  date: number;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string | undefined;
  importance: 'Low' | 'Normal' | 'High';
  readReceipt?: boolean;
  /** Extra headers (InternetHeaders properties the client set). */
  headers: Header[];
  attachments: ParsedAttachment[];
}

const mailbox = (a: Addr) => ({ name: a.name ?? '', address: a.email });

// The headers Outlook writes for importance, which every reader understands.
const PRIORITY = {
  High: [
    { key: 'X-Priority', value: '1' },
    { key: 'Importance', value: 'high' },
  ],
  Low: [
    { key: 'X-Priority', value: '5' },
    { key: 'Importance', value: 'low' },
  ],
  Normal: [],
};

/**
 * MIME for a message given by properties, with nodemailer's MailComposer. Bcc stays in the
 * stored copy (the sender's Sent Items shows it, as Exchange does); delivery strips it.
 */
export async function composeMime(c: Composition): Promise<Buffer> {
  const headers = [
    ...PRIORITY[c.importance],
    ...(c.readReceipt ? [{ key: 'Disposition-Notification-To', value: c.from.email }] : []),
    ...c.headers.map((h) => ({ key: h.name, value: h.value })),
  ];
  const composer = new MailComposer({
    from: mailbox(c.from),
    ...(c.sender ? { sender: mailbox(c.sender) } : {}),
    to: c.to.map(mailbox),
    cc: c.cc.map(mailbox),
    bcc: c.bcc.map(mailbox),
    replyTo: c.replyTo.map(mailbox),
    subject: c.subject,
    ...(c.text !== undefined ? { text: c.text } : {}),
    ...(c.html !== undefined ? { html: c.html } : {}),
    date: new Date(c.date),
    messageId: c.messageId,
    ...(c.inReplyTo ? { inReplyTo: c.inReplyTo } : {}),
    ...(c.references ? { references: c.references } : {}),
    headers,
    attachments: c.attachments.map((a) => ({
      filename: a.name,
      content: a.content,
      contentType: a.contentType,
      ...(a.contentId ? { cid: a.contentId } : {}),
      contentDisposition: a.isInline ? 'inline' : 'attachment',
    })),
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}
