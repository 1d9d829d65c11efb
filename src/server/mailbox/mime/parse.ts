import PostalMime, { decodeWords, type Address } from 'postal-mime';
import type { Addr } from '../store/rows.js';
import { readHeaders, type Header } from './headers.js';

/** What the mailbox keeps from a MIME message: the properties EWS exposes. */
export interface ParsedMime {
  subject: string;
  from?: Addr;
  sender?: Addr;
  replyTo: Addr[];
  to: Addr[];
  cc: Addr[];
  bcc: Addr[];
  /** The Date header, ms. */
  date?: number;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  html?: string;
  text?: string;
  attachments: ParsedAttachment[];
  importance: 'Low' | 'Normal' | 'High';
  sensitivity: 'Normal' | 'Personal' | 'Private' | 'Confidential';
  itemClass: string;
  readReceipt: boolean;
  meeting?: Meeting;
  headers: Header[];
}

export interface ParsedAttachment {
  name: string;
  contentType: string;
  contentId?: string;
  isInline: boolean;
  content: Buffer;
}

export interface Meeting {
  uid?: string;
  start?: number;
  end?: number;
  location?: string;
  allDay: boolean;
}

/** A message too broken to take. */
export class MimeError extends Error {
  override name = 'MimeError';
}

const flatten = (list: Address[] | undefined): Addr[] =>
  (list ?? []).flatMap((a) => (a.group ? a.group : [a])).flatMap((m) => (m.address ? [toAddr(m.name, m.address)] : []));

const toAddr = (name: string, email: string): Addr => (name ? { name, email } : { email });

const single = (a: Address | undefined): Addr | undefined => flatten(a ? [a] : [])[0];

/** Parses a message with postal-mime (depth and header-size limits on). */
export async function parseMime(raw: Buffer): Promise<ParsedMime> {
  if (!raw.length) throw new MimeError('the MIME content is empty');
  // Every message/rfc822 part stays an attachment, as Exchange keeps it (an ItemAttachment), whatever
  // its Content-Disposition: nodemailer and others mark forwarded messages `inline`, and postal-mime
  // would otherwise merge their text, headers and HTML into the outer message's body.
  const email = await PostalMime.parse(raw, {
    attachmentEncoding: 'arraybuffer',
    maxNestingDepth: 64,
    forceRfc822Attachments: true,
  }).catch((e: unknown) => {
    throw new MimeError(`the MIME content could not be read: ${e instanceof Error ? e.message : String(e)}`);
  });
  const headers = readHeaders(raw);
  const header = (n: string) => headers.find((h) => h.name.toLowerCase() === n)?.value;
  const calendar = email.attachments.find((a) => a.mimeType === 'text/calendar' && a.method);
  const date = email.date ? Date.parse(email.date) : NaN;
  const parsed: ParsedMime = {
    subject: email.subject ?? '',
    replyTo: flatten(email.replyTo),
    to: flatten(email.to),
    cc: flatten(email.cc),
    bcc: flatten(email.bcc),
    attachments: email.attachments
      .filter((a) => a !== calendar)
      .map((a, i) => {
        const message = a.mimeType === 'message/rfc822';
        const bytes = Buffer.from(a.content as ArrayBuffer);
        const content = message ? crlf(bytes) : bytes;
        const out: ParsedAttachment = {
          name: (message && subjectOf(content)) || a.filename || `attachment-${i + 1}${message ? '.eml' : ''}`,
          contentType: a.mimeType,
          isInline: !message && (a.disposition === 'inline' || (!!a.related && !!a.contentId)),
          content,
        };
        if (a.contentId) out.contentId = a.contentId.replace(/^<|>$/g, '');
        return out;
      }),
    importance: importanceOf(header('importance'), header('x-priority')),
    sensitivity: sensitivityOf(header('sensitivity')),
    itemClass: 'IPM.Note',
    readReceipt: !!header('disposition-notification-to'),
    headers,
  };
  const from = single(email.from);
  const sender = single(email.sender);
  if (from) parsed.from = from;
  if (sender) parsed.sender = sender;
  if (!Number.isNaN(date)) parsed.date = date;
  if (email.messageId) parsed.messageId = email.messageId.trim();
  if (email.inReplyTo) parsed.inReplyTo = email.inReplyTo.trim();
  if (email.references) parsed.references = email.references.replace(/\s+/g, ' ').trim();
  if (email.html) parsed.html = email.html;
  if (email.text) parsed.text = email.text.replace(/\r?\n$/, '');
  if (calendar) {
    const ics = Buffer.from(calendar.content as ArrayBuffer).toString('utf8');
    parsed.meeting = readMeeting(ics);
    parsed.itemClass = meetingClass(calendar.method!, ics);
  }
  return parsed;
}

/**
 * An attached message with CRLF line ends, as MIME is canonically written (Exchange's MimeContent
 * is): it travels unencoded (RFC 2046 §5.2.1), and postal-mime gives such a part's lines with LF.
 */
function crlf(mime: Buffer): Buffer {
  return Buffer.from(mime.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * An attached message's subject, decoded: Exchange shows an attached message (an ItemAttachment)
 * under its subject rather than the file name the sender's part gave it.
 */
function subjectOf(mime: Buffer): string {
  const subject = readHeaders(mime).find((h) => h.name.toLowerCase() === 'subject')?.value;
  return subject ? decodeWords(subject).trim() : '';
}

function importanceOf(importance: string | undefined, priority: string | undefined): ParsedMime['importance'] {
  const v = importance?.toLowerCase();
  if (v === 'high' || priority?.startsWith('1') || priority?.startsWith('2')) return 'High';
  if (v === 'low' || priority?.startsWith('4') || priority?.startsWith('5')) return 'Low';
  return 'Normal';
}

function sensitivityOf(v: string | undefined): ParsedMime['sensitivity'] {
  switch (v?.toLowerCase()) {
    case 'personal':
      return 'Personal';
    case 'private':
      return 'Private';
    case 'company-confidential':
      return 'Confidential';
    default:
      return 'Normal';
  }
}

// How Exchange classes meeting mail by the iCalendar METHOD (and, for replies, PARTSTAT).
// https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/item-types-and-message-classes
function meetingClass(method: string, ics: string): string {
  switch (method) {
    case 'REQUEST':
      return 'IPM.Schedule.Meeting.Request';
    case 'CANCEL':
      return 'IPM.Schedule.Meeting.Canceled';
    case 'REPLY': {
      const stat = /PARTSTAT=([A-Z-]+)/.exec(ics)?.[1];
      return stat === 'DECLINED'
        ? 'IPM.Schedule.Meeting.Resp.Neg'
        : stat === 'TENTATIVE'
          ? 'IPM.Schedule.Meeting.Resp.Tent'
          : 'IPM.Schedule.Meeting.Resp.Pos';
    }
    default:
      return 'IPM.Note';
  }
}

/** The few VEVENT fields a mail list shows, from the first event of an iCalendar text. */
export function readMeeting(ics: string): Meeting {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  const event = unfolded.slice(Math.max(0, unfolded.indexOf('BEGIN:VEVENT')));
  const prop = (name: string) => new RegExp(`^${name}(;[^:\\r\\n]*)?:(.*)$`, 'm').exec(event);
  const m: Meeting = { allDay: false };
  const uid = prop('UID')?.[2]?.trim();
  const location = prop('LOCATION')?.[2]
    ?.trim()
    .replace(/\\([,;\\])/g, '$1')
    .replace(/\\n/gi, '\n');
  const start = prop('DTSTART');
  const end = prop('DTEND');
  if (uid) m.uid = uid;
  if (location) m.location = location;
  if (start) {
    m.allDay = /VALUE=DATE(?!-)/.test(start[1] ?? '');
    const t = icalTime(start[2]!.trim());
    if (t !== undefined) m.start = t;
  }
  if (end) {
    const t = icalTime(end[2]!.trim());
    if (t !== undefined) m.end = t;
  }
  return m;
}

// 20261105T140000Z, 20261105T140000 (floating or TZID: read as UTC) or 20261105.
function icalTime(v: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?/.exec(v);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}
