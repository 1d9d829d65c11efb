import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/database.js';
import { seedMailbox } from './seed.js';

const NOW = Date.UTC(2026, 10, 15, 12);

function seeded(messages: number): Db {
  const db = openDb(':memory:');
  seedMailbox(db, { messages, password: 'demo', now: NOW });
  return db;
}

interface Row {
  id: number;
  subject: string;
  from_addr: string;
  to_json: string;
  body_text: string;
  body_html: string | null;
  internet_message_id: string;
  in_reply_to: string | null;
  has_attachments: number;
  item_class: string;
  mime: Buffer;
}

describe('seedMailbox', () => {
  it('fills the demo mailbox to the size asked, two years deep, and gives Ada a small one', () => {
    const db = seeded(600);
    const count = (address: string) =>
      (
        db
          .prep(
            `SELECT count(*) AS n FROM items JOIN users u ON u.id = items.user_id WHERE u.address = ? AND item_class != 'IPM.Appointment'`,
          )
          .get(address) as { n: number }
      ).n;
    expect(count('demo@tern.test')).toBe(600);
    expect(count('ada@tern.test')).toBeGreaterThan(10);
    const span = db.prep('SELECT min(received) AS lo, max(received) AS hi FROM items').get() as {
      lo: number;
      hi: number;
    };
    expect(span.hi).toBeLessThanOrEqual(NOW);
    expect(NOW - span.lo).toBeGreaterThan(300 * 86_400_000);
    const folders = db
      .prep(
        `SELECT f.name, count(i.id) AS n FROM folders f LEFT JOIN items i ON i.folder_id = f.id WHERE f.user_id = 1 GROUP BY f.id`,
      )
      .all() as { name: string; n: number }[];
    const n = (name: string) => folders.find((f) => f.name === name)!.n;
    for (const name of [
      'Inbox',
      'Sent Items',
      'Alpha',
      'Beta',
      'Receipts',
      'Travel',
      'Newsletters',
      'Archive',
      'Calendar',
      'Drafts',
    ])
      expect(n(name), name).toBeGreaterThan(0);
    const mix = db
      .prep(
        'SELECT sum(is_read = 0) AS unread, sum(flag_status = 1) AS flagged, sum(has_attachments) AS files FROM items',
      )
      .get() as Record<string, number>;
    expect(mix['unread']).toBeGreaterThan(5);
    expect(mix['flagged']).toBeGreaterThan(0);
    expect(mix['files']).toBeGreaterThan(10);
    const kinds = db.prep('SELECT DISTINCT item_class FROM items').all() as { item_class: string }[];
    expect(kinds.map((k) => k.item_class).sort()).toEqual([
      'IPM.Appointment',
      'IPM.Note',
      'IPM.Schedule.Meeting.Request',
    ]);
    const french = db
      .prep(`SELECT count(*) AS n FROM items WHERE body_text LIKE '%Bonjour%' OR body_text LIKE '%Salut%'`)
      .get() as { n: number };
    expect(french.n).toBeGreaterThan(10);
  });

  it('is the same mailbox every time for the same size and day', () => {
    const a = seeded(300);
    const b = seeded(300);
    const rows = (db: Db) =>
      db.prep('SELECT subject, received, internet_message_id, mime FROM items ORDER BY id').all();
    expect(rows(a)).toEqual(rows(b));
  });

  it('threads replies: Re: subjects, In-Reply-To and References, one conversation id', () => {
    const db = seeded(600);
    const replies = db
      .prep(`SELECT subject, in_reply_to, references_, conversation_id FROM items WHERE in_reply_to IS NOT NULL`)
      .all() as {
      subject: string;
      in_reply_to: string;
      references_: string;
      conversation_id: string;
    }[];
    expect(replies.length).toBeGreaterThan(20);
    for (const r of replies.slice(0, 50)) {
      expect(r.subject).toMatch(/^(Re|RE): /);
      expect(r.references_.split(' ')).toContain(r.in_reply_to);
      const parent = db.prep('SELECT conversation_id FROM items WHERE internet_message_id = ?').get(r.in_reply_to) as {
        conversation_id: string;
      };
      expect(parent.conversation_id).toBe(r.conversation_id);
    }
  });

  it('stores real MIME that says what the columns say', async () => {
    const db = seeded(400);
    const rows = db
      .prep(
        `SELECT id, subject, from_addr, to_json, body_text, body_html, internet_message_id, in_reply_to, has_attachments, item_class, mime FROM items WHERE id % 7 = 0 OR has_attachments = 1 OR item_class != 'IPM.Note' LIMIT 120`,
      )
      .all() as Row[];
    let inline = 0;
    let calendars = 0;
    for (const r of rows) {
      const m = await PostalMime.parse(r.mime);
      expect(m.subject, `item ${r.id}`).toBe(r.subject);
      expect(m.from && 'address' in m.from ? m.from.address : '').toBe(r.from_addr);
      expect((m.to ?? []).map((a) => a.address)).toEqual(
        (JSON.parse(r.to_json) as { email: string }[]).map((a) => a.email),
      );
      expect(m.messageId).toBe(r.internet_message_id);
      expect(m.inReplyTo ?? null).toBe(r.in_reply_to);
      expect(m.text?.replace(/\r?\n$/, '')).toBe(r.body_text);
      if (r.body_html) expect(m.html?.replace(/\r?\n$/, '')).toBe(r.body_html);
      const files = m.attachments.filter((a) => a.disposition === 'attachment');
      expect(files.length > 0).toBe(!!r.has_attachments);
      if (m.attachments.some((a) => a.related)) inline++;
      if (m.attachments.some((a) => a.mimeType === 'text/calendar')) calendars++;
    }
    expect(inline).toBeGreaterThan(0);
    expect(calendars).toBeGreaterThan(0);
  });

  it('leaves an empty mailbox, users and folders only, for 0 messages', () => {
    const db = seeded(0);
    expect((db.prep('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(0);
    expect((db.prep('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(2);
    expect((db.prep(`SELECT count(*) AS n FROM folders WHERE distinguished = 'inbox'`).get() as { n: number }).n).toBe(
      2,
    );
  });
});
