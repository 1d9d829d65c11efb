import type { Attachment, Item } from '../../../ews/index.js';
import { EwsFail } from '../errors.js';
import { composeMime, type Composition } from '../mime/compose.js';
import { prependHeader, readHeaders } from '../mime/headers.js';
import { MimeError, parseMime, type ParsedAttachment } from '../mime/parse.js';
import { propKey } from '../prop-key.js';
import type { Addr, AttachmentRow, ItemRow, PropRow, UserRow } from '../store/rows.js';
import { messageFromMime, newMessageId, type NewMessage } from './new-message.js';
import { emptyPatch, writeExtended, writeField, type Patch } from './patch.js';

// Exchange Online's default message size limit.
// https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits
export const MAX_MESSAGE_BYTES = 35 * 1024 * 1024;

/** Which FieldURI each Item property is, for applying the properties a client sent. */
const FIELDS: [keyof Item, string, boolean][] = [
  // [property, FieldURI, lives in the MIME]
  ['subject', 'item:Subject', true],
  ['body', 'item:Body', true],
  ['toRecipients', 'message:ToRecipients', true],
  ['ccRecipients', 'message:CcRecipients', true],
  ['bccRecipients', 'message:BccRecipients', true],
  ['replyTo', 'message:ReplyTo', true],
  ['from', 'message:From', true],
  ['sender', 'message:Sender', true],
  ['importance', 'item:Importance', true],
  ['inReplyTo', 'item:InReplyTo', true],
  ['references', 'message:References', true],
  ['internetMessageId', 'message:InternetMessageId', true],
  ['isReadReceiptRequested', 'message:IsReadReceiptRequested', true],
  ['sensitivity', 'item:Sensitivity', false],
  ['categories', 'item:Categories', false],
  ['flag', 'item:Flag', false],
  ['itemClass', 'item:ItemClass', false],
  ['isRead', 'message:IsRead', false],
  ['isDeliveryReceiptRequested', 'message:IsDeliveryReceiptRequested', false],
  ['start', 'calendar:Start', false],
  ['end', 'calendar:End', false],
  ['location', 'calendar:Location', false],
  ['isAllDayEvent', 'calendar:IsAllDayEvent', false],
];

const KIND_CLASS: Partial<Record<Item['kind'], string>> = {
  CalendarItem: 'IPM.Appointment',
  Contact: 'IPM.Contact',
  Task: 'IPM.Task',
  PostItem: 'IPM.Post',
};

const toAddrs = (list: Item['toRecipients']): Addr[] =>
  (list ?? []).flatMap((m) =>
    m.emailAddress ? [m.name ? { name: m.name, email: m.emailAddress } : { email: m.emailAddress }] : [],
  );
const toAddr = (m: Item['from'], fallback: UserRow): Addr =>
  m?.emailAddress
    ? m.name
      ? { name: m.name, email: m.emailAddress }
      : { email: m.emailAddress }
    : { name: fallback.name, email: fallback.address };

const domainOf = (u: UserRow) => u.address.slice(u.address.indexOf('@') + 1);

export interface Creation {
  user: UserRow;
  now: number;
  /** SaveOnly makes a draft (unless PR_MESSAGE_FLAGS says otherwise); sending does not. */
  draft: boolean;
}

/**
 * A new item from CreateItem: given as MimeContent (DavMail's APPEND and SMTP, Thunderbird's
 * send: the MIME is parsed, and properties beside it override what it says) or by properties
 * (composed to MIME with MailComposer, then read back like any other message).
 */
export async function messageFromEws(item: Item, c: Creation): Promise<NewMessage> {
  let raw: Buffer;
  let mimeGiven = false;
  if (item.mimeContent) {
    raw = Buffer.from(item.mimeContent, 'base64');
    mimeGiven = true;
    const headers = new Set(readHeaders(raw).map((h) => h.name.toLowerCase()));
    if (!headers.has('date')) raw = prependHeader(raw, 'Date', new Date(c.now).toUTCString().replace('GMT', '+0000'));
    if (!headers.has('message-id'))
      raw = prependHeader(raw, 'Message-ID', item.internetMessageId ?? newMessageId(domainOf(c.user)));
    if (!headers.has('from') && !item.from) raw = prependHeader(raw, 'From', `"${c.user.name}" <${c.user.address}>`);
  } else {
    raw = await composeMime(await composition(item, c));
  }
  if (raw.length > MAX_MESSAGE_BYTES) throw new EwsFail('ErrorMessageSizeExceeded');
  const parsed = await parseMime(raw).catch((e: unknown) => {
    throw e instanceof MimeError ? new EwsFail('ErrorMimeContentConversionFailed', e.message) : e;
  });
  const msg = messageFromMime(parsed, raw, { received: c.now, now: c.now, isRead: true, isDraft: c.draft });
  const kindClass = KIND_CLASS[item.kind];
  if (kindClass) msg.values.item_class = kindClass;
  const patch = emptyPatch(c.now);
  for (const [prop, field, inMime] of FIELDS)
    if (item[prop] !== undefined && (mimeGiven || !inMime)) writeField(patch, field, item, undefined, false);
  for (const e of item.extendedProperties ?? []) writeExtended(patch, e.field, e.value);
  applyPatch(msg, patch);
  return msg;
}

/** Folds a patch into a message not yet saved. */
export function applyPatch(msg: NewMessage, p: Patch): void {
  Object.assign(msg.values, p.set);
  const keys = new Set([...p.props.map((x) => x.key), ...p.unset]);
  msg.props = [...msg.props.filter((x) => !keys.has(x.key)), ...p.props];
}

/**
 * One attachment of CreateItem or CreateAttachment as the MIME part it becomes: a file as it
 * came, an attached message as message/rfc822 (kept byte for byte when given as its MIME source,
 * otherwise composed from its properties). Undefined for an ItemAttachment without its item.
 */
export async function attachmentPart(a: Attachment, c: Creation): Promise<ParsedAttachment | undefined> {
  if (a.kind === 'FileAttachment') {
    const out: ParsedAttachment = {
      name: a.name ?? 'attachment',
      contentType: a.contentType ?? 'application/octet-stream',
      isInline: !!a.isInline,
      content: Buffer.from(a.content ?? '', 'base64'),
    };
    if (a.contentId) out.contentId = a.contentId;
    return out;
  }
  if (!a.item) return undefined;
  const inner = a.item.mimeContent
    ? Buffer.from(a.item.mimeContent, 'base64')
    : await composeMime(await composition(a.item, { ...c, draft: false }));
  return {
    name: `${a.name ?? a.item.subject ?? 'message'}.eml`,
    contentType: 'message/rfc822',
    isInline: false,
    content: inner,
  };
}

async function composition(item: Item, c: Creation): Promise<Composition> {
  const headers = (item.extendedProperties ?? [])
    .filter((e) => propKey(e.field).startsWith('name:InternetHeaders:'))
    .map((e) => ({ name: e.field.propertyName!, value: Array.isArray(e.value) ? e.value.join(', ') : e.value }));
  const attachments: ParsedAttachment[] = [];
  for (const a of item.attachments ?? []) {
    const part = await attachmentPart(a, c);
    if (part) attachments.push(part);
  }
  const body = item.body;
  return {
    from: toAddr(item.from, c.user),
    sender: item.sender?.emailAddress ? toAddr(item.sender, c.user) : undefined,
    to: toAddrs(item.toRecipients),
    cc: toAddrs(item.ccRecipients),
    bcc: toAddrs(item.bccRecipients),
    replyTo: toAddrs(item.replyTo),
    subject: item.subject ?? '',
    html: body?.bodyType === 'HTML' ? body.value : undefined,
    text: body?.bodyType === 'Text' ? body.value : body ? undefined : '',
    date: c.now,
    messageId: item.internetMessageId ?? newMessageId(domainOf(c.user)),
    inReplyTo: item.inReplyTo,
    references: item.references,
    importance: item.importance ?? 'Normal',
    readReceipt: !!item.isReadReceiptRequested,
    headers,
    attachments,
  };
}

/**
 * The MIME of a draft composed again from its columns, after an edit or at send time (a sent
 * message carries the time it was sent).
 */
export function recompose(
  row: ItemRow,
  bodies: { body_text: string; body_html: string | null },
  props: readonly PropRow[],
  attachments: readonly (AttachmentRow & { content: Buffer })[],
  user: UserRow,
  date: number,
): Promise<Buffer> {
  const json = (s: string) => JSON.parse(s) as Addr[];
  return composeMime({
    from: row.from_addr
      ? row.from_name
        ? { name: row.from_name, email: row.from_addr }
        : { email: row.from_addr }
      : { name: user.name, email: user.address },
    sender: row.sender_addr
      ? { ...(row.sender_name ? { name: row.sender_name } : {}), email: row.sender_addr }
      : undefined,
    to: json(row.to_json),
    cc: json(row.cc_json),
    bcc: json(row.bcc_json),
    replyTo: json(row.reply_to_json),
    subject: row.subject,
    html: bodies.body_html ?? undefined,
    text: bodies.body_html === null ? bodies.body_text : undefined,
    date,
    messageId: row.internet_message_id ?? newMessageId(domainOf(user)),
    inReplyTo: row.in_reply_to ?? undefined,
    references: row.references_ ?? undefined,
    importance: row.importance,
    readReceipt: !!row.read_receipt,
    headers: props
      .filter((p) => p.key.startsWith('name:InternetHeaders:') && !p.multi)
      .map((p) => ({ name: (JSON.parse(p.field) as { propertyName: string }).propertyName, value: p.value })),
    attachments: attachments.map((a) => ({
      name: a.name,
      contentType: a.content_type,
      ...(a.content_id ? { contentId: a.content_id } : {}),
      isInline: !!a.is_inline,
      content: a.content,
    })),
  });
}
