import { createHash, randomBytes } from 'node:crypto';
import type { ExtendedFieldURI } from '../../../ews/index.js';
import type { ParsedAttachment, ParsedMime } from '../mime/parse.js';
import { headerKey } from '../prop-key.js';
import type { AttachmentValues, ItemValues } from '../store/rows.js';
import { htmlToText, previewOf } from '../text.js';

/** A generic extended property to store with an item. */
export interface PropValue {
  key: string;
  field: ExtendedFieldURI;
  value: string | string[];
}

/** Everything a new item is written with. */
export interface NewMessage {
  values: ItemValues;
  attachments: AttachmentValues[];
  props: PropValue[];
}

// Exchange threads by the first Message-ID of References (the thread's root), then In-Reply-To.
// The id is opaque; a hash keeps it stable for every copy of every message in the thread.
export function conversationIdOf(messageId?: string, inReplyTo?: string, references?: string): string {
  const root = references?.match(/<[^>]+>/)?.[0] ?? inReplyTo?.match(/<[^>]+>/)?.[0] ?? messageId;
  const seed = root ?? randomBytes(16).toString('hex');
  return createHash('sha256').update(seed.toLowerCase()).digest().subarray(0, 16).toString('base64');
}

/** "Re: Re: Fwd: Lunch" → "Lunch", the ConversationTopic. */
export const topicOf = (subject: string) =>
  subject.replace(/^\s*((re|fw|fwd|tr|aw|wg|sv|rv)\s*(\[\d+\])?\s*:\s*)+/i, '');

export function newMessageId(domain: string): string {
  return `<${randomBytes(12).toString('hex')}@${domain}>`;
}

// Extra headers a client put on a message (X-…) become InternetHeaders properties, so FindItem
// can find them; bounded, because they come from the sender.
const MAX_HEADER_PROPS = 32;
const MAX_HEADER_VALUE = 2048;

export interface Arrival {
  received: number;
  now: number;
  isRead: boolean;
  isDraft: boolean;
}

/** The columns, attachment rows and header properties of a parsed MIME message. */
export function messageFromMime(p: ParsedMime, raw: Buffer, at: Arrival): NewMessage {
  const text = p.text ?? (p.html ? htmlToText(p.html) : '');
  const values: ItemValues = {
    item_class: p.itemClass,
    subject: p.subject,
    from_name: p.from?.name ?? null,
    from_addr: p.from?.email ?? null,
    sender_name: p.sender?.name ?? null,
    sender_addr: p.sender?.email ?? null,
    to_json: JSON.stringify(p.to),
    cc_json: JSON.stringify(p.cc),
    bcc_json: JSON.stringify(p.bcc),
    reply_to_json: JSON.stringify(p.replyTo),
    received: at.received,
    sent: at.isDraft ? null : (p.date ?? at.received),
    created: at.now,
    modified: at.now,
    size: raw.length,
    importance: p.importance,
    sensitivity: p.sensitivity,
    is_read: at.isRead ? 1 : 0,
    is_draft: at.isDraft ? 1 : 0,
    read_receipt: p.readReceipt ? 1 : 0,
    delivery_receipt: 0,
    flag_status: 0,
    flag_start: null,
    flag_due: null,
    flag_complete: null,
    // From the HTML when there is one, as Exchange keeps it as the body: a plain part written by
    // hand (Tern's keeps the composer's **marks**) is not what the list should show.
    preview: previewOf(p.html ? htmlToText(p.html) : text),
    has_attachments: p.attachments.some((a) => !a.isInline) ? 1 : 0,
    conversation_id: conversationIdOf(p.messageId, p.inReplyTo, p.references),
    conversation_topic: topicOf(p.subject),
    internet_message_id: p.messageId ?? null,
    in_reply_to: p.inReplyTo ?? null,
    references_: p.references ?? null,
    categories: '[]',
    start: p.meeting?.start ?? null,
    end: p.meeting?.end ?? null,
    location: p.meeting?.location ?? null,
    uid: p.meeting?.uid ?? null,
    all_day: p.meeting ? (p.meeting.allDay ? 1 : 0) : null,
    body_text: text,
    body_html: p.html ?? null,
    mime: raw,
  };
  const attachments = p.attachments.map((a) => attachmentValues(a, at.now));
  const props: PropValue[] = p.headers
    .filter((h) => /^x-/i.test(h.name) && h.value.length <= MAX_HEADER_VALUE)
    .slice(0, MAX_HEADER_PROPS)
    .map((h) => ({
      key: headerKey(h.name),
      field: { distinguishedPropertySetId: 'InternetHeaders', propertyName: h.name, propertyType: 'String' },
      value: h.value,
    }));
  return { values, attachments, props };
}

/** An attachment row for a MIME part, added at `now`. */
export function attachmentValues(a: ParsedAttachment, now: number): AttachmentValues {
  return {
    name: a.name,
    content_type: a.contentType,
    content_id: a.contentId ?? null,
    content_location: null,
    is_inline: a.isInline ? 1 : 0,
    size: a.content.length,
    modified: now,
    content: a.content,
  };
}
