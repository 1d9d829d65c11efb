import type { Addr, FolderRow } from '../store/rows.js';
import { BRANDS, CATEGORIES, PEOPLE, SHOPS, TOPICS, type Lang, type Topic } from './content.js';
import { fill, type FileSpec, type Head, type Planned } from './materialize.js';
import { Prng } from './prng.js';

export const DEMO: Addr = { name: 'Demo User', email: 'demo@tern.test' };
export const ADA: Addr = { name: 'Ada Lovelace', email: 'ada@tern.test' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN = 730 * DAY;

export interface Mailboxes {
  demo: { id: number; folders: Map<string, FolderRow> };
  ada: { id: number; folders: Map<string, FolderRow> };
}

const byName = (n: string) => TOPICS.find((t) => t.name === n)!;
const WEIGHTS: [string, number][] = [
  ['work', 0.34],
  ['alpha', 0.1],
  ['beta', 0.08],
  ['receipt', 0.07],
  ['travel', 0.05],
  ['newsletter', 0.1],
  ['social', 0.13],
  ['junk', 0.03],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((s, [, w]) => s + w, 0);

/**
 * Plans two years of mail: threads of one to six messages (replies alternate between the demo
 * user and the other party, quote the message before, carry In-Reply-To and References), filed
 * by topic, with a few invitations, drafts, calendar entries, and the mail exchanged with Ada in
 * both mailboxes. Only heads are kept; bodies and MIME are made when written.
 */
export class Planner {
  readonly out: Planned[] = [];
  private demoCount = 0;
  private n = 0;

  constructor(
    private readonly rng: Prng,
    private readonly anchor: number,
    private readonly m: Mailboxes,
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
    if (r < 0.05) return { topic: byName('work'), withAda: true, invite: false };
    if (r < 0.07) return { topic: byName('work'), withAda: false, invite: true };
    let x = this.rng.next() * TOTAL_WEIGHT;
    for (const [name, w] of WEIGHTS) if ((x -= w) < 0) return { topic: byName(name), withAda: false, invite: false };
    return { topic: byName('work'), withAda: false, invite: false };
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

  private files(topic: Topic): FileSpec {
    const r = this.rng.next();
    switch (topic.name) {
      case 'receipt':
        return r < 0.8 ? 'receipt' : 'none';
      case 'travel':
        return r < 0.6 ? 'ticket' : 'none';
      case 'social':
        return r < 0.2 ? 'photo' : 'none';
      case 'work':
      case 'alpha':
      case 'beta':
        return r < 0.04 ? 'slides' : r < 0.07 ? 'notes' : 'none';
      default:
        return 'none';
    }
  }

  private id(from: Addr, n: number): string {
    return `<${this.rng.hex(16)}.${n}@${from.email.slice(from.email.indexOf('@') + 1)}>`;
  }

  private thread(limit: number): void {
    const { topic, withAda, invite } = this.topic();
    const lang: Lang = this.rng.chance(0.25) ? 'fr' : 'en';
    const other = withAda ? ADA : this.sender(topic);
    const single = invite || ['receipt', 'travel', 'newsletter', 'junk'].includes(topic.name);
    const r = this.rng.next();
    const length = single ? 1 : r < 0.65 ? 1 : r < 0.82 ? 2 : r < 0.93 ? 3 : this.rng.int(4, 6);
    const startsWithDemo = !single && this.rng.chance(0.12);
    const subject = fill(this.rng, this.rng.pick(topic.subjects[lang]), lang);
    let date = Math.round(this.anchor - SPAN * Math.pow(this.rng.next(), 1.3)) - this.rng.int(1, 120) * MINUTE;
    const ids: string[] = [];
    let previous: Head | undefined;
    for (let k = 0; k < length && this.demoCount < limit; k++) {
      if (k > 0) date += this.rng.int(10, 48 * 60) * MINUTE;
      if (date > this.anchor) break;
      const fromDemo = (k % 2 === 1) !== startsWithDemo;
      const from = fromDemo ? DEMO : other;
      const to = fromDemo ? other : DEMO;
      const n = this.n++;
      const cc = !single && this.rng.chance(0.15) ? [this.rng.pick(PEOPLE)].filter((p) => p.email !== other.email) : [];
      const html = topic.name === 'newsletter' || invite || this.rng.chance(0.7);
      const head: Head = {
        n,
        from,
        to: [to],
        cc,
        subject: k === 0 ? (invite ? `Invitation: ${subject}` : subject) : `${lang === 'fr' ? 'RE' : 'Re'}: ${subject}`,
        date,
        messageId: this.id(from, n),
        inReplyTo: ids[ids.length - 1],
        references: ids.length ? ids.slice(-10).join(' ') : undefined,
        importance: this.rng.chance(0.04) ? 'High' : this.rng.chance(0.02) ? 'Low' : 'Normal',
        body: {
          topic,
          lang,
          from,
          to,
          seed: Math.floor(this.rng.next() * 0x100000000),
          quote: typeof previous?.body === 'object' ? previous.body : undefined,
        },
        html,
        logo: html && (topic.name === 'newsletter' || (topic.name === 'work' && this.rng.chance(0.08))),
        files: this.files(topic),
      };
      if (invite) {
        const start =
          Math.floor((date + this.rng.int(1, 14) * DAY) / DAY) * DAY + this.rng.pick([9, 10, 14, 16]) * HOUR;
        const location = this.rng.pick(['Salle Lumière', 'Room 4.02', 'Video call']);
        head.meeting = {
          uid: `${this.rng.hex(24)}@tern.test`,
          start,
          end: start + HOUR,
          location,
          summary: subject,
          method: 'REQUEST',
        };
      }
      ids.push(head.messageId);
      previous = head;
      this.place(head, topic, fromDemo, withAda, invite);
      this.demoCount++;
    }
  }

  private place(head: Head, topic: Topic, fromDemo: boolean, withAda: boolean, invite: boolean): void {
    const { demo, ada } = this.m;
    const received = head.date + this.rng.int(2, 90) * 1000;
    const recent = this.anchor - received < 7 * DAY;
    const copy = { head, received, flag: 0, categories: [] as string[] };
    const itemClass = invite ? 'IPM.Schedule.Meeting.Request' : 'IPM.Note';
    if (fromDemo) {
      this.out.push({
        ...copy,
        user: demo.id,
        folder: demo.folders.get('sentitems')!,
        isRead: true,
        itemClass: 'IPM.Note',
      });
      if (withAda)
        this.out.push({
          ...copy,
          user: ada.id,
          folder: ada.folders.get('inbox')!,
          isRead: this.rng.chance(0.8),
          itemClass,
        });
      return;
    }
    this.out.push({
      ...copy,
      user: demo.id,
      folder: this.file(topic, received),
      isRead: this.rng.chance(recent ? 0.55 : 0.97),
      flag: this.rng.chance(recent ? 0.08 : 0.025) ? 1 : this.rng.chance(0.01) ? 2 : 0,
      categories: this.rng.chance(0.05) ? [this.rng.pick(CATEGORIES)] : [],
      itemClass,
    });
    if (withAda)
      this.out.push({
        ...copy,
        user: ada.id,
        folder: ada.folders.get('sentitems')!,
        isRead: true,
        itemClass: 'IPM.Note',
      });
    // An invitation the demo user accepted is also on the calendar.
    if (invite)
      this.out.push({
        ...copy,
        user: demo.id,
        folder: demo.folders.get('calendar')!,
        isRead: true,
        itemClass: 'IPM.Appointment',
        received: head.date,
      });
  }

  private file(topic: Topic, received: number): FolderRow {
    const f = this.m.demo.folders;
    const r = this.rng.next();
    if (topic.name === 'junk') return f.get('junkemail')!;
    if (r < 0.02) return f.get('deleteditems')!;
    if (topic.folder && r < 0.75) return f.get(topic.folder)!;
    if (this.anchor - received > 90 * DAY && r > 0.8) return f.get('archive')!;
    return f.get('inbox')!;
  }

  private plain(n: number, from: Addr, to: Addr[], subject: string, date: number, text: string): Head {
    return {
      n,
      from,
      to,
      cc: [],
      subject,
      date,
      messageId: this.id(from, n),
      importance: 'Normal',
      body: text,
      html: false,
      logo: false,
      files: 'none',
    };
  }

  private draft(): void {
    const n = this.n++;
    const to = this.rng.pick(PEOPLE);
    const date = this.anchor - this.rng.int(1, 72) * HOUR;
    const subject = this.rng.pick(['Draft: proposal', 'Idea for next quarter', 'Brouillon : compte rendu']);
    const head = this.plain(
      n,
      DEMO,
      [to],
      subject,
      date,
      `Hi ${to.name!.split(' ')[0]},\n\nJust a first draft — more soon.\n\nDemo`,
    );
    this.out.push({
      head,
      user: this.m.demo.id,
      folder: this.m.demo.folders.get('drafts')!,
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
    const topic = byName(this.rng.chance(0.5) ? 'work' : 'social');
    const lang: Lang = this.rng.chance(0.3) ? 'fr' : 'en';
    const date = Math.round(this.anchor - SPAN * this.rng.next() * 0.5);
    const head: Head = {
      ...this.plain(n, from, [ADA], fill(this.rng, this.rng.pick(topic.subjects[lang]), lang), date, ''),
      body: { topic, lang, from, to: ADA, seed: Math.floor(this.rng.next() * 0x100000000) },
      html: true,
    };
    const folder = this.m.ada.folders.get(this.rng.chance(0.2) ? 'Research' : 'inbox')!;
    this.out.push({
      head,
      user: this.m.ada.id,
      folder,
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
    const location = this.rng.pick(['Salle Lumière', 'Room 4.02', 'Video call', 'Café Marguerite']);
    const subject = this.rng.pick([
      '1:1 with Sofia',
      'Alpha stand-up',
      'Revue trimestrielle',
      'Dentist',
      'Lunch with Claire',
    ]);
    const end = start + this.rng.pick([30, 60, 90]) * MINUTE;
    // Entered a week ahead, and never in the future.
    const entered = Math.min(start - 7 * DAY, this.anchor - HOUR);
    const head: Head = {
      ...this.plain(n, DEMO, [], subject, entered, `${subject}\n${location}`),
      html: true,
      meeting: { uid: `${this.rng.hex(24)}@tern.test`, start, end, location, summary: subject, method: 'PUBLISH' },
    };
    this.out.push({
      head,
      user: this.m.demo.id,
      folder: this.m.demo.folders.get('calendar')!,
      received: entered,
      isRead: true,
      flag: 0,
      categories: [],
      itemClass: 'IPM.Appointment',
    });
  }
}
