import type { Db } from '../store/database.js';
import { insertAttachment } from '../store/attachments.js';
import { takeArticles, touchContents } from '../store/folders.js';
import { insertItem } from '../store/items.js';
import type { Addr, AttachmentValues, FolderRow, ItemValues } from '../store/rows.js';
import { insertUser } from '../store/users.js';
import { conversationIdOf, topicOf } from '../model/new-message.js';
import { hashPassword } from '../passwords.js';
import { previewOf } from '../text.js';
import {
  BRANDS,
  CATEGORIES,
  CITIES,
  GREETING,
  PEOPLE,
  PNG,
  SHOPS,
  SIGN_OFF,
  TOPICS,
  pdf,
  type Lang,
  type Topic,
} from './content.js';
import { createMailFolder, createStandardFolders } from './folders.js';
import { buildMime, type SeedMime, type SeedPart } from './mime-builder.js';
import { Prng } from './prng.js';

export interface SeedOptions {
  /** Mail items in the demo user's mailbox (received, sent, drafts). */
  messages: number;
  password: string;
  now: number;
}

export const DEMO: Addr = { name: 'Demo User', email: 'demo@tern.test' };
export const ADA: Addr = { name: 'Ada Lovelace', email: 'ada@tern.test' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN = 730 * DAY;
const BATCH = 2000;

interface Planned {
  user: number;
  folder: FolderRow;
  mime: SeedMime;
  received: number;
  isRead: boolean;
  isDraft?: boolean;
  flag: number;
  categories: string[];
  itemClass: string;
  meeting?: { uid: string; start: number; end: number; location: string } | undefined;
}

type Folders = Map<string, FolderRow>;

/**
 * A realistic demo mailbox, the same every time for the same size and day: two years of mail
 * for demo@tern.test (threads with Re: subjects and References, HTML and plain bodies in English
 * and French, inline images, PDF and text attachments, invitations, a read/unread and flagged
 * mix, filed into nested folders) and a smaller mailbox for ada@tern.test, with the mail between
 * the two in both. Every message is stored as real MIME. Writes go in transactions of 2,000.
 */
export function seedMailbox(db: Db, o: SeedOptions): void {
  const rng = new Prng(0x7e275eed);
  const anchor = Math.floor(o.now / DAY) * DAY;
  const { demo, ada } = db.write(() => {
    const demoId = insertUser(db, { address: DEMO.email, name: DEMO.name!, ...hashPassword(o.password) });
    const adaId = insertUser(db, { address: ADA.email, name: ADA.name!, ...hashPassword(o.password) });
    const d = createStandardFolders(db, demoId, anchor);
    const a = createStandardFolders(db, adaId, anchor);
    const projects = createMailFolder(db, demoId, d.get('msgfolderroot')!, 'Projects', anchor);
    d.set('Projects', projects);
    d.set('Alpha', createMailFolder(db, demoId, projects, 'Alpha', anchor));
    d.set('Beta', createMailFolder(db, demoId, projects, 'Beta', anchor));
    d.set('Receipts', createMailFolder(db, demoId, d.get('msgfolderroot')!, 'Receipts', anchor));
    d.set('Travel', createMailFolder(db, demoId, d.get('msgfolderroot')!, 'Travel', anchor));
    d.set('Newsletters', createMailFolder(db, demoId, d.get('inbox')!, 'Newsletters', anchor));
    a.set('Research', createMailFolder(db, adaId, a.get('msgfolderroot')!, 'Research', anchor));
    return { demo: { id: demoId, folders: d }, ada: { id: adaId, folders: a } };
  });
  if (o.messages <= 0) return;
  const plan = new Planner(rng, anchor, demo, ada).run(o.messages);
  write(db, plan, anchor);
}

class Planner {
  readonly out: Planned[] = [];
  private demoCount = 0;
  private n = 0;

  constructor(
    private readonly rng: Prng,
    private readonly anchor: number,
    private readonly demo: { id: number; folders: Folders },
    private readonly ada: { id: number; folders: Folders },
  ) {}

  run(messages: number): Planned[] {
    const drafts = Math.min(3, Math.max(0, messages - 1));
    while (this.demoCount < messages - drafts) this.thread(messages - drafts);
    for (let i = 0; i < drafts; i++) this.draft();
    for (let i = 0; i < Math.max(10, Math.round(messages / 60)); i++) this.adaOnly();
    for (let i = 0; i < Math.min(40, Math.max(5, Math.round(messages / 50))); i++) this.appointment();
    return this.out;
  }

  private topic(): { topic: Topic; withAda: boolean; invite: boolean } {
    const r = this.rng.next();
    const byName = (n: string) => TOPICS.find((t) => t.name === n)!;
    if (r < 0.05) return { topic: byName('work'), withAda: true, invite: false };
    if (r < 0.07) return { topic: byName('work'), withAda: false, invite: true };
    const weights: [string, number][] = [
      ['work', 0.34],
      ['alpha', 0.1],
      ['beta', 0.08],
      ['receipt', 0.07],
      ['travel', 0.05],
      ['newsletter', 0.1],
      ['social', 0.13],
      ['junk', 0.03],
    ];
    let x = this.rng.next() * weights.reduce((s, [, w]) => s + w, 0);
    for (const [name, w] of weights) if ((x -= w) < 0) return { topic: byName(name), withAda: false, invite: false };
    return { topic: byName('work'), withAda: false, invite: false };
  }

  private fill(s: string, lang: Lang): string {
    return s
      .replace('{n}', String(this.rng.int(2, 99)))
      .replace('{shop}', this.rng.pick(SHOPS))
      .replace('{city}', this.rng.pick(CITIES))
      .replace('{brand}', this.rng.pick(BRANDS))
      .replace('{amount}', (this.rng.int(500, 25000) / 100).toFixed(2).replace('.', lang === 'fr' ? ',' : '.'));
  }

  private sender(topic: Topic): Addr {
    switch (topic.name) {
      case 'receipt':
        return { name: this.rng.pick(SHOPS), email: 'receipts@shop.example.com' };
      case 'travel':
        return { name: 'Voyages Hirondelle', email: 'bookings@travel.example.net' };
      case 'newsletter':
        return { name: this.rng.pick(BRANDS), email: 'newsletter@news.example.org' };
      case 'junk':
        return { name: 'Prize Department', email: `winner${this.rng.int(100, 999)}@lottery.example` };
      default:
        return this.rng.pick(PEOPLE);
    }
  }

  private thread(limit: number): void {
    const { topic, withAda, invite } = this.topic();
    const lang: Lang = this.rng.chance(0.25) ? 'fr' : 'en';
    const other = withAda ? ADA : this.sender(topic);
    const single = ['receipt', 'travel', 'newsletter', 'junk'].includes(topic.name) || invite;
    const r = this.rng.next();
    const length = single ? 1 : r < 0.65 ? 1 : r < 0.82 ? 2 : r < 0.93 ? 3 : this.rng.int(4, 6);
    const startsWithDemo = !single && this.rng.chance(0.12);
    const subject = this.fill(this.rng.pick(topic.subjects[lang]), lang);
    let date = Math.round(this.anchor - SPAN * Math.pow(this.rng.next(), 1.3)) - this.rng.int(1, 120) * MINUTE;
    const ids: string[] = [];
    let previous = '';
    for (let k = 0; k < length && this.demoCount < limit; k++) {
      if (k > 0) date += this.rng.int(10, 48 * 60) * MINUTE;
      if (date > this.anchor) break;
      const fromDemo = (k % 2 === 1) !== startsWithDemo;
      const from = fromDemo ? DEMO : other;
      const to = fromDemo ? other : DEMO;
      const cc = !single && this.rng.chance(0.15) ? [this.rng.pick(PEOPLE)].filter((p) => p.email !== other.email) : [];
      const n = this.n++;
      const messageId = `<${this.rng.hex(16)}.${n}@${from.email.slice(from.email.indexOf('@') + 1)}>`;
      const text = this.body(topic, lang, from, to, previous);
      const mime: SeedMime = {
        from,
        to: [to],
        cc,
        subject:
          k === 0
            ? invite
              ? `${lang === 'fr' ? 'Invitation' : 'Invitation'}: ${subject}`
              : subject
            : `${lang === 'fr' ? 'RE' : 'Re'}: ${subject}`,
        date,
        messageId,
        inReplyTo: ids[ids.length - 1],
        references: ids.length ? ids.slice(-10).join(' ') : undefined,
        importance: this.rng.chance(0.04) ? 'High' : this.rng.chance(0.02) ? 'Low' : 'Normal',
        text,
        inline: [],
        attachments: this.attachments(topic, n),
      };
      const html = topic.name === 'newsletter' || invite || this.rng.chance(0.7);
      if (html) {
        const logo = topic.name === 'newsletter' || (topic.name === 'work' && this.rng.chance(0.08));
        if (logo)
          mime.inline.push({
            name: 'logo.png',
            contentType: 'image/png',
            contentId: `logo-${n}@tern.test`,
            content: PNG,
          });
        mime.html = htmlOf(text, logo ? `logo-${n}@tern.test` : undefined);
      }
      let meeting: Planned['meeting'];
      if (invite) {
        const start =
          Math.floor((date + this.rng.int(1, 14) * DAY) / DAY) * DAY + this.rng.pick([9, 10, 14, 16]) * HOUR;
        meeting = {
          uid: `${this.rng.hex(24)}@tern.test`,
          start,
          end: start + HOUR,
          location: this.rng.pick(['Salle Lumière', 'Room 4.02', 'Video call']),
        };
        mime.calendar = { method: 'REQUEST', ics: ics(meeting, subject, from, DEMO, 'REQUEST') };
      }
      ids.push(messageId);
      previous = text;
      const received = date + this.rng.int(2, 90) * 1000;
      const recent = this.anchor - received < 7 * DAY;
      const flagged = this.rng.chance(recent ? 0.08 : 0.025) ? 1 : this.rng.chance(0.01) ? 2 : 0;
      const categories = this.rng.chance(0.05) ? [this.rng.pick(CATEGORIES)] : [];
      const base = { mime, received, flag: 0, categories: [] as string[], meeting };
      const itemClass = invite ? 'IPM.Schedule.Meeting.Request' : 'IPM.Note';
      if (fromDemo) {
        this.out.push({
          ...base,
          user: this.demo.id,
          folder: this.demo.folders.get('sentitems')!,
          isRead: true,
          itemClass: 'IPM.Note',
        });
        if (withAda)
          this.out.push({
            ...base,
            user: this.ada.id,
            folder: this.ada.folders.get('inbox')!,
            isRead: this.rng.chance(0.8),
            itemClass,
          });
      } else {
        const folder = this.file(topic, received);
        this.out.push({
          ...base,
          user: this.demo.id,
          folder,
          isRead: this.rng.chance(recent ? 0.55 : 0.97),
          flag: flagged,
          categories,
          itemClass,
        });
        if (withAda)
          this.out.push({
            ...base,
            user: this.ada.id,
            folder: this.ada.folders.get('sentitems')!,
            isRead: true,
            itemClass: 'IPM.Note',
          });
        if (invite && meeting)
          this.out.push({
            ...base,
            user: this.demo.id,
            folder: this.demo.folders.get('calendar')!,
            isRead: true,
            itemClass: 'IPM.Appointment',
            received: date,
          });
      }
      this.demoCount++;
    }
  }

  private file(topic: Topic, received: number): FolderRow {
    const f = this.demo.folders;
    const r = this.rng.next();
    if (topic.name === 'junk') return f.get('junkemail')!;
    if (r < 0.02) return f.get('deleteditems')!;
    if (topic.folder && r < 0.75) return f.get(topic.folder)!;
    if (this.anchor - received > 90 * DAY && r > 0.8) return f.get('archive')!;
    return f.get('inbox')!;
  }

  private body(topic: Topic, lang: Lang, from: Addr, to: Addr, quoted: string): string {
    const first = (a: Addr) => (a.name ?? a.email).split(' ')[0]!;
    const count = this.rng.int(2, 4);
    const sentences = Array.from({ length: count }, () => this.fill(this.rng.pick(topic.sentences[lang]), lang));
    const split = this.rng.int(1, count);
    const paragraphs = [sentences.slice(0, split).join(' '), sentences.slice(split).join(' ')].filter(Boolean);
    const lines = [
      this.rng.pick(GREETING[lang]).replace('{first}', first(to)),
      '',
      paragraphs.join('\n\n'),
      '',
      this.rng.pick(SIGN_OFF[lang]),
      first(from),
    ];
    if (quoted) {
      const q = quoted
        .split('\n')
        .filter(Boolean)
        .slice(0, 3)
        .map((l) => `> ${l}`);
      lines.push('', lang === 'fr' ? 'Message précédent :' : 'Previous message:', ...q);
    }
    return lines.join('\n');
  }

  private attachments(topic: Topic, n: number): SeedPart[] {
    const r = this.rng.next();
    switch (topic.name) {
      case 'receipt':
        return r < 0.8
          ? [{ name: `receipt-${1000 + n}.pdf`, contentType: 'application/pdf', content: pdf(`Receipt ${1000 + n}`) }]
          : [];
      case 'travel':
        return r < 0.6 ? [{ name: 'e-ticket.pdf', contentType: 'application/pdf', content: pdf(`E-ticket ${n}`) }] : [];
      case 'social':
        return r < 0.2 ? [{ name: 'photo.png', contentType: 'image/png', content: PNG }] : [];
      case 'work':
      case 'alpha':
      case 'beta':
        if (r < 0.04) return [{ name: 'slides.pdf', contentType: 'application/pdf', content: pdf(`Slides ${n}`) }];
        if (r < 0.07)
          return [
            {
              name: 'notes.txt',
              contentType: 'text/plain',
              content: Buffer.from(`Notes ${n}\n\n- follow up\n- decide by Friday\n`),
            },
          ];
        return [];
      default:
        return [];
    }
  }

  private draft(): void {
    const n = this.n++;
    const to = this.rng.pick(PEOPLE);
    const text = `Hi ${to.name!.split(' ')[0]},\n\nJust a first draft — more soon.\n\nDemo`;
    const date = this.anchor - this.rng.int(1, 72) * HOUR;
    this.out.push({
      user: this.demo.id,
      folder: this.demo.folders.get('drafts')!,
      mime: {
        from: DEMO,
        to: [to],
        cc: [],
        subject: this.rng.pick(['Draft: proposal', 'Idea for next quarter', 'Brouillon : compte rendu']),
        date,
        messageId: `<${this.rng.hex(16)}.${n}@tern.test>`,
        importance: 'Normal',
        text,
        inline: [],
        attachments: [],
      },
      received: date,
      isRead: true,
      isDraft: true,
      flag: 0,
      categories: [],
      itemClass: 'IPM.Note',
    });
    this.demoCount++;
  }

  private adaOnly(): void {
    const n = this.n++;
    const from = this.rng.pick(PEOPLE);
    const name = this.rng.chance(0.5) ? 'work' : 'social';
    const topic = TOPICS.find((t) => t.name === name)!;
    const lang: Lang = this.rng.chance(0.3) ? 'fr' : 'en';
    const date = Math.round(this.anchor - SPAN * this.rng.next() * 0.5);
    const text = this.body(topic, lang, from, ADA, '');
    this.out.push({
      user: this.ada.id,
      folder: this.ada.folders.get(this.rng.chance(0.2) ? 'Research' : 'inbox')!,
      mime: {
        from,
        to: [ADA],
        cc: [],
        subject: this.fill(this.rng.pick(topic.subjects[lang]), lang),
        date,
        messageId: `<${this.rng.hex(16)}.${n}@example.com>`,
        importance: 'Normal',
        text,
        html: htmlOf(text),
        inline: [],
        attachments: [],
      },
      received: date + 5000,
      isRead: this.rng.chance(0.7),
      flag: 0,
      categories: [],
      itemClass: 'IPM.Note',
    });
  }

  private appointment(): void {
    const n = this.n++;
    const start =
      Math.floor((this.anchor + this.rng.int(-30, 30) * DAY) / DAY) * DAY + this.rng.pick([9, 11, 14, 16]) * HOUR;
    const meeting = {
      uid: `${this.rng.hex(24)}@tern.test`,
      start,
      end: start + this.rng.pick([30, 60, 90]) * MINUTE,
      location: this.rng.pick(['Salle Lumière', 'Room 4.02', 'Video call', 'Café Marguerite']),
    };
    const subject = this.rng.pick([
      '1:1 with Sofia',
      'Alpha stand-up',
      'Revue trimestrielle',
      'Dentist',
      'Lunch with Claire',
    ]);
    const text = `${subject}\n${meeting.location}`;
    this.out.push({
      user: this.demo.id,
      folder: this.demo.folders.get('calendar')!,
      mime: {
        from: DEMO,
        to: [],
        cc: [],
        subject,
        date: start - 7 * DAY,
        messageId: `<${this.rng.hex(16)}.${n}@tern.test>`,
        importance: 'Normal',
        text,
        html: htmlOf(text),
        inline: [],
        attachments: [],
        calendar: { method: 'PUBLISH', ics: ics(meeting, subject, DEMO, DEMO, 'PUBLISH') },
      },
      received: start - 7 * DAY,
      isRead: true,
      flag: 0,
      categories: [],
      itemClass: 'IPM.Appointment',
      meeting,
    });
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]!);

function htmlOf(text: string, logo?: string): string {
  const blocks = text.split(/\n{2,}/).map((b) => `<p>${b.split('\n').map(escape).join('<br>')}</p>`);
  const image = logo ? `<p><img src="cid:${logo}" alt="logo" width="1" height="1"></p>` : '';
  return `<html><head><meta charset="utf-8"></head><body style="font-family: sans-serif">${blocks.join('')}${image}</body></html>`;
}

function ics(
  m: { uid: string; start: number; end: number; location: string },
  summary: string,
  organizer: Addr,
  attendee: Addr,
  method: string,
): string {
  const t = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Tern//Demo mailbox//EN',
    'VERSION:2.0',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${m.uid}`,
    `DTSTAMP:${t(m.start - DAY)}`,
    `DTSTART:${t(m.start)}`,
    `DTEND:${t(m.end)}`,
    `SUMMARY:${summary.replace(/([,;\\])/g, '\\$1')}`,
    `LOCATION:${m.location.replace(/([,;\\])/g, '\\$1')}`,
    `ORGANIZER;CN=${organizer.name ?? organizer.email}:mailto:${organizer.email}`,
    `ATTENDEE;CN=${attendee.name ?? attendee.email};PARTSTAT=NEEDS-ACTION:mailto:${attendee.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** Writes the plan oldest first, so article numbers and modification numbers follow time. */
function write(db: Db, plan: Planned[], anchor: number): void {
  plan.sort((a, b) => a.received - b.received);
  const perFolder = new Map<number, number>();
  for (const p of plan) perFolder.set(p.folder.id, (perFolder.get(p.folder.id) ?? 0) + 1);
  const next = db.write(() => new Map([...perFolder].map(([id, count]) => [id, takeArticles(db, id, count)])));
  for (let i = 0; i < plan.length; i += BATCH) {
    db.write(() => {
      const touched = new Map<number, number>();
      for (const p of plan.slice(i, i + BATCH)) {
        const article = next.get(p.folder.id)!;
        next.set(p.folder.id, article + 1);
        const { values, attachments } = valuesOf(p, anchor);
        const saved = insertItem(db, p.user, p.folder.id, values, anchor, { article, bulk: true });
        for (const a of attachments) insertAttachment(db, saved.id, a);
        touched.set(p.folder.id, saved.num);
      }
      for (const [folder, num] of touched) touchContents(db, folder, num, anchor);
    });
  }
}

function valuesOf(p: Planned, anchor: number): { values: ItemValues; attachments: AttachmentValues[] } {
  const m = p.mime;
  const mime = buildMime(m);
  const files = [...m.inline.map((f) => ({ f, inline: true })), ...m.attachments.map((f) => ({ f, inline: false }))];
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
    start: p.meeting?.start ?? null,
    end: p.meeting?.end ?? null,
    location: p.meeting?.location ?? null,
    uid: p.meeting?.uid ?? null,
    all_day: p.meeting ? 0 : null,
    body_text: m.text,
    body_html: m.html ?? null,
    mime,
  };
  const attachments = files.map(({ f, inline }) => ({
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
