import { describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB, type MailDB } from './schema.js';
import type { FolderRow, MessageRow } from './entities.js';
import { folderTree, messageCount, messagePage, pendingCount } from './queries.js';
// The search has its own file; its tests share these rows.
import { searchMessages } from './search.js';
import { searchTerms } from './terms.js';
import { folderRow } from './test-rows.js';

const freshDB = () => openMailDB('queries', { indexedDB: new IDBFactory(), IDBKeyRange });

const folder = (id: string, parentId: string, extra: Partial<FolderRow> = {}) => folderRow(id, { parentId, ...extra });

function message(i: number, folderId: string, subject: string, fromName = 'Sender', preview = ''): MessageRow {
  const from = { name: fromName, email: `${fromName.toLowerCase()}@tern.test` };
  return {
    id: `m${i}`,
    changeKey: 'ck',
    folderId,
    receivedAt: 1_000_000 + i,
    subject,
    from,
    to: [],
    cc: [],
    preview,
    isRead: 0,
    flag: 0,
    importance: 'Normal',
    hasAttachments: 0,
    size: 1,
    itemClass: 'IPM.Note',
    terms: searchTerms(subject, from, preview),
  };
}

async function withMessages(n: number): Promise<MailDB> {
  const db = freshDB();
  await db.folders.bulkPut([folder('inbox', 'root', { distinguished: 'inbox', total: n }), folder('other', 'root')]);
  await db.messages.bulkPut(Array.from({ length: n }, (_, i) => message(i, i % 2 ? 'inbox' : 'other', `Topic ${i}`)));
  return db;
}

describe('folderTree', () => {
  it('nests mail folders, well-known first, and leaves out calendars and contacts', async () => {
    const db = freshDB();
    await db.folders.bulkPut([
      folder('z', 'root', { name: 'Zebra' }),
      folder('a', 'root', { name: 'Alpha' }),
      folder('sent', 'root', { name: 'Sent Items', distinguished: 'sentitems' }),
      folder('inbox', 'root', { name: 'Inbox', distinguished: 'inbox' }),
      folder('child', 'inbox', { name: 'Receipts' }),
      folder('cal', 'root', { name: 'Calendar', kind: 'CalendarFolder', folderClass: 'IPF.Appointment' }),
      folder('cfg', 'root', { name: 'Settings', folderClass: 'IPF.Configuration' }),
      folder('plain', 'root', { name: 'Made by EWS', folderClass: '' }),
    ]);
    const tree = await folderTree(db);
    expect(tree.map((n) => n.name)).toEqual(['Inbox', 'Sent Items', 'Alpha', 'Made by EWS', 'Zebra']);
    expect(tree[0]?.children.map((n) => n.name)).toEqual(['Receipts']);
  });

  it("leaves the server's Outbox out of the tree to browse while it is empty", async () => {
    const db = freshDB();
    await db.folders.bulkPut([
      folder('inbox', 'root', { name: 'Inbox', distinguished: 'inbox' }),
      folder('out', 'root', { name: 'Outbox', distinguished: 'outbox' }),
    ]);
    expect((await folderTree(db, { browsing: true })).map((n) => n.name)).toEqual(['Inbox']);
    expect((await folderTree(db)).map((n) => n.name)).toEqual(['Inbox', 'Outbox']);
    await db.folders.update('out', { total: 1 });
    expect((await folderTree(db, { browsing: true })).map((n) => n.name)).toEqual(['Inbox', 'Outbox']);
  });
});

describe('messagePage', () => {
  it('returns one window of a folder, newest first, and nothing of other folders', async () => {
    const db = await withMessages(200);
    const first = await messagePage(db, 'inbox', 0, 10);
    expect(first.map((m) => m.id)).toEqual([
      'm199',
      'm197',
      'm195',
      'm193',
      'm191',
      'm189',
      'm187',
      'm185',
      'm183',
      'm181',
    ]);
    const later = await messagePage(db, 'inbox', 95, 10);
    expect(later.map((m) => m.id)).toEqual(['m9', 'm7', 'm5', 'm3', 'm1']);
    expect((await messagePage(db, 'inbox', 0, 1000)).every((m) => m.folderId === 'inbox')).toBe(true);
  });
});

describe('messageCount', () => {
  it('reads the stored numbers', async () => {
    const db = await withMessages(4);
    await db.folders.update('inbox', { total: 42, unread: 7 });
    expect(await messageCount(db, 'inbox')).toEqual({ total: 42, unread: 7 });
    expect(await messageCount(db, 'missing')).toEqual({ total: 0, unread: 0 });
  });
});

describe('searchMessages', () => {
  it('matches prefixes of subject, sender and preview words, every word, newest first', async () => {
    const db = freshDB();
    await db.messages.bulkPut([
      message(1, 'inbox', 'Quarterly report', 'Ada', 'numbers attached'),
      message(2, 'inbox', 'Lunch?', 'Grace', 'the quarterly lunch'),
      message(3, 'inbox', 'Café opening', 'Ada', 'come along'),
      message(4, 'inbox', 'Unrelated', 'Linus', 'nothing here'),
    ]);
    expect((await searchMessages(db, 'quart')).map((m) => m.id)).toEqual(['m2', 'm1']);
    expect((await searchMessages(db, 'ada quar')).map((m) => m.id)).toEqual(['m1']);
    expect((await searchMessages(db, 'CAFE')).map((m) => m.id)).toEqual(['m3']);
    expect((await searchMessages(db, 'grace@tern')).map((m) => m.id)).toEqual(['m2']);
    expect(await searchMessages(db, '   ')).toEqual([]);
    expect(await searchMessages(db, 'zzz')).toEqual([]);
  });

  it('narrows by operators: sender, category (case and accents aside), read state, flag and files', async () => {
    const db = freshDB();
    await db.messages.bulkPut([
      { ...message(1, 'inbox', 'Quarterly report', 'Ada', 'numbers'), categories: ['Catégorie rouge'], flag: 1 },
      { ...message(2, 'inbox', 'Quarterly lunch', 'Grace', 'Ada comes'), isRead: 1, hasAttachments: 1 },
      { ...message(3, 'other', 'Trip', 'Ada'), categories: ['Travel', 'Catégorie rouge'], isRead: 1 },
    ]);
    const ids = async (query: string) => (await searchMessages(db, query)).map((m) => m.id);
    // "ada" is a word of the second message's preview, but it is not from Ada.
    expect(await ids('quarterly from:ada')).toEqual(['m1']);
    expect(await ids('from:ada')).toEqual(['m3', 'm1']);
    expect(await ids('category:"categorie ROUGE"')).toEqual(['m3', 'm1']);
    expect(await ids('category:travel category:"catégorie rouge"')).toEqual(['m3']);
    expect(await ids('is:unread')).toEqual(['m1']);
    expect(await ids('is:read quarterly')).toEqual(['m2']);
    expect(await ids('is:flagged')).toEqual(['m1']);
    expect(await ids('has:attachment')).toEqual(['m2']);
    expect(await ids('category:nowhere')).toEqual([]);
  });

  it('reads the matches of the rarest word, not of the longest, and tests the others on them', async () => {
    const db = await withMessages(1500);
    const read = vi.spyOn(db.messages, 'bulkGet');
    // "topic" begins a word of every message, "1499" of one.
    expect((await searchMessages(db, 'topic 1499')).map((m) => m.id)).toEqual(['m1499']);
    expect(read.mock.calls.map(([keys]) => keys.length)).toEqual([1]);
  });

  it('stops early on a broad query and still returns the newest matches', async () => {
    const db = await withMessages(1500);
    const rows = await searchMessages(db, 'topic', 5);
    expect(rows.map((m) => m.id)).toEqual(['m1499', 'm1498', 'm1497', 'm1496', 'm1495']);
  });
});

describe('pendingCount', () => {
  it('counts outbox entries', async () => {
    const db = freshDB();
    expect(await pendingCount(db)).toBe(0);
    await db.outbox.add({ opId: 'x', op: { kind: 'delete', ids: ['a'] }, state: 'pending', attempts: 0, createdAt: 1 });
    expect(await pendingCount(db)).toBe(1);
  });
});
