import { conversationIdOf, topicOf } from '../model/new-message.js';
import type { Addr, AttachmentValues, FolderRow, ItemValues } from '../store/rows.js';
import { previewOf } from '../text.js';
import { BRANDS, CITIES, GREETING, PNG, SHOPS, SIGN_OFF, pdf, type Lang, type Topic } from './content.js';
import { buildMime, type SeedMime, type SeedPart } from './mime-builder.js';
import { Prng } from './prng.js';

const DAY = 86_400_000;

/** How to write a body: from its own PRNG, when the message is written, so the plan stays small. */
export interface BodySpec {
  topic: Topic;
  lang: Lang;
  from: Addr;
  to: Addr;
  seed: number;
  /** The message this one answers: its first lines are quoted. */
  quote?: BodySpec | undefined;
}

export type FileSpec = 'none' | 'receipt' | 'ticket' | 'photo' | 'slides' | 'notes';

export interface Meeting {
  uid: string;
  start: number;
  end: number;
  location: string;
  summary: string;
  method: 'REQUEST' | 'PUBLISH';
}

/** A message as planned; every copy of it (sender's and recipient's) shares this. */
export interface Head {
  n: number;
  from: Addr;
  to: Addr[];
  cc: Addr[];
  subject: string;
  date: number;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string | undefined;
  importance: 'Low' | 'Normal' | 'High';
  body: BodySpec | string;
  html: boolean;
  logo: boolean;
  files: FileSpec;
  meeting?: Meeting | undefined;
}

/** One copy of a message in one folder. */
export interface Planned {
  user: number;
  folder: FolderRow;
  head: Head;
  received: number;
  isRead: boolean;
  isDraft?: boolean;
  flag: number;
  categories: string[];
  itemClass: string;
}

/** Fills the {placeholders} of a template. */
export function fill(rng: Prng, s: string, lang: Lang): string {
  if (!s.includes('{')) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => {
    switch (name) {
      case 'n':
        return String(rng.int(2, 99));
      case 'shop':
        return rng.pick(SHOPS);
      case 'city':
        return rng.pick(CITIES);
      case 'brand':
        return rng.pick(BRANDS);
      case 'amount':
        return (rng.int(500, 25000) / 100).toFixed(2).replace('.', lang === 'fr' ? ',' : '.');
      default:
        return m;
    }
  });
}

const first = (a: Addr) => (a.name ?? a.email).split(' ')[0]!;

export function bodyText(spec: BodySpec, quoting = true): string {
  const rng = new Prng(spec.seed);
  const count = rng.int(2, 4);
  const sentences = Array.from({ length: count }, () =>
    fill(rng, rng.pick(spec.topic.sentences[spec.lang]), spec.lang),
  );
  const split = rng.int(1, count);
  const paragraphs = [sentences.slice(0, split).join(' '), sentences.slice(split).join(' ')].filter(Boolean);
  const lines = [
    rng.pick(GREETING[spec.lang]).replace('{first}', first(spec.to)),
    '',
    paragraphs.join('\n\n'),
    '',
    rng.pick(SIGN_OFF[spec.lang]),
    first(spec.from),
  ];
  if (quoting && spec.quote) {
    const quoted = bodyText(spec.quote, false)
      .split('\n')
      .filter(Boolean)
      .slice(0, 3)
      .map((l) => `> ${l}`);
    lines.push('', spec.lang === 'fr' ? 'Message précédent :' : 'Previous message:', ...quoted);
  }
  return lines.join('\n');
}

function files(spec: FileSpec, n: number): SeedPart[] {
  switch (spec) {
    case 'receipt':
      return [{ name: `receipt-${1000 + n}.pdf`, contentType: 'application/pdf', content: pdf(`Receipt ${1000 + n}`) }];
    case 'ticket':
      return [{ name: 'e-ticket.pdf', contentType: 'application/pdf', content: pdf(`E-ticket ${n}`) }];
    case 'photo':
      return [{ name: 'photo.png', contentType: 'image/png', content: PNG }];
    case 'slides':
      return [{ name: 'slides.pdf', contentType: 'application/pdf', content: pdf(`Slides ${n}`) }];
    case 'notes':
      return [
        {
          name: 'notes.txt',
          contentType: 'text/plain',
          content: Buffer.from(`Notes ${n}\n\n- follow up\n- decide by Friday\n`),
        },
      ];
    default:
      return [];
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]!);

function htmlOf(text: string, logo?: string): string {
  const blocks = text.split(/\n{2,}/).map((b) => `<p>${b.split('\n').map(escape).join('<br>')}</p>`);
  const image = logo ? `<p><img src="cid:${logo}" alt="logo" width="1" height="1"></p>` : '';
  return `<html><head><meta charset="utf-8"></head><body style="font-family: sans-serif">${blocks.join('')}${image}</body></html>`;
}

function ics(m: Meeting, organizer: Addr, attendee: Addr): string {
  const t = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const text = (s: string) => s.replace(/([,;\\])/g, '\\$1');
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Tern//Demo mailbox//EN',
    'VERSION:2.0',
    `METHOD:${m.method}`,
    'BEGIN:VEVENT',
    `UID:${m.uid}`,
    `DTSTAMP:${t(m.start - DAY)}`,
    `DTSTART:${t(m.start)}`,
    `DTEND:${t(m.end)}`,
    `SUMMARY:${text(m.summary)}`,
    `LOCATION:${text(m.location)}`,
    `ORGANIZER;CN=${organizer.name ?? organizer.email}:mailto:${organizer.email}`,
    `ATTENDEE;CN=${attendee.name ?? attendee.email};PARTSTAT=NEEDS-ACTION:mailto:${attendee.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** The MIME description of a planned message: bodies, inline logo, files, calendar part. */
export function seedMime(h: Head): SeedMime {
  const text = typeof h.body === 'string' ? h.body : bodyText(h.body);
  const logo = h.logo ? `logo-${h.n}@tern.test` : undefined;
  return {
    from: h.from,
    to: h.to,
    cc: h.cc,
    subject: h.subject,
    date: h.date,
    messageId: h.messageId,
    inReplyTo: h.inReplyTo,
    references: h.references,
    importance: h.importance,
    text,
    html: h.html ? htmlOf(text, logo) : undefined,
    inline: logo ? [{ name: 'logo.png', contentType: 'image/png', contentId: logo, content: PNG }] : [],
    attachments: files(h.files, h.n),
    calendar: h.meeting ? { method: h.meeting.method, ics: ics(h.meeting, h.from, h.to[0] ?? h.from) } : undefined,
  };
}

/** The row and attachment rows of one planned copy, MIME built now. */
export function materialize(
  p: Planned,
  m: SeedMime,
  anchor: number,
): { values: ItemValues; attachments: AttachmentValues[] } {
  const mime = buildMime(m);
  const values: ItemValues = {
    item_class: p.itemClass,
    subject: m.subject,
    from_name: m.from.name ?? null,
    from_addr: m.from.email,
    sender_name: null,
    sender_addr: null,
    to_json: JSON.stringify(m.to),
    cc_json: JSON.stringify(m.cc),
    bcc_json: '[]',
    reply_to_json: '[]',
    received: p.received,
    sent: p.isDraft ? null : m.date,
    created: p.received,
    modified: p.received,
    size: mime.length,
    importance: m.importance,
    sensitivity: 'Normal',
    is_read: p.isRead ? 1 : 0,
    is_draft: p.isDraft ? 1 : 0,
    read_receipt: 0,
    delivery_receipt: 0,
    flag_status: p.flag,
    flag_start: p.flag === 1 ? p.received : null,
    flag_due: p.flag === 1 ? Math.min(anchor + 7 * DAY, p.received + 7 * DAY) : null,
    flag_complete: p.flag === 2 ? p.received + DAY : null,
    preview: previewOf(m.text),
    has_attachments: m.attachments.length ? 1 : 0,
    conversation_id: conversationIdOf(m.messageId, m.inReplyTo, m.references),
    conversation_topic: topicOf(m.subject.replace(/^Invitation: /, '')),
    internet_message_id: m.messageId,
    in_reply_to: m.inReplyTo ?? null,
    references_: m.references ?? null,
    categories: JSON.stringify(p.categories),
    start: p.head.meeting?.start ?? null,
    end: p.head.meeting?.end ?? null,
    location: p.head.meeting?.location ?? null,
    uid: p.head.meeting?.uid ?? null,
    all_day: p.head.meeting ? 0 : null,
    body_text: m.text,
    body_html: m.html ?? null,
    mime,
  };
  const attachments = [
    ...m.inline.map((f) => ({ f, inline: true })),
    ...m.attachments.map((f) => ({ f, inline: false })),
  ].map(({ f, inline }) => ({
    name: f.name,
    content_type: f.contentType,
    content_id: f.contentId ?? null,
    content_location: null,
    is_inline: inline ? 1 : 0,
    size: f.content.length,
    modified: p.received,
    content: f.content,
  }));
  return { values, attachments };
}
