import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB, type MailDB } from './schema.js';
import { recordAction } from './actions.js';
import type { MessageRow } from './entities.js';
import type { Draft } from './outbox-ops.js';
import { localDraftId } from './local-ids.js';
import { folderRow, messageRow } from './test-rows.js';

const folder = folderRow;

const message = (id: string, folderId: string, extra: Partial<MessageRow> = {}) =>
  messageRow(id, { folderId, ...extra });

let n = 0;
/** Inbox (a, b unread), Archive, Travel, Deleted Items, Drafts. */
async function seeded(): Promise<MailDB> {
  const db = openMailDB(`coalesce-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.folders.bulkPut([
    folder('inbox', { distinguished: 'inbox', total: 2, unread: 2 }),
    folder('archive'),
    folder('travel'),
    folder('trash', { distinguished: 'deleteditems' }),
    folder('drafts', { distinguished: 'drafts' }),
  ]);
  await db.messages.bulkPut([message('a', 'inbox'), message('b', 'inbox')]);
  return db;
}

const ops = async (db: MailDB) => (await db.outbox.orderBy('seq').toArray()).map((e) => e.op);
const counts = async (db: MailDB, id: string) => {
  const f = await db.folders.get(id);
  return { total: f?.total, unread: f?.unread };
};
const draft = (subject: string, text: string): Draft => ({
  to: [{ name: 'Ada', email: 'ada@tern.test' }],
  cc: [],
  bcc: [],
  subject,
  text,
});

describe('intents that supersede waiting ones', () => {
  it('read then unread is one request saying unread, and the row is as it was', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true });
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: false });
    expect(await ops(db)).toEqual([{ kind: 'set-read', ids: ['a'], isRead: false }]);
    // What it was before the first of them, to undo it if it is parked.
    expect((await db.outbox.toArray())[0]?.local?.before).toEqual({ a: { isRead: 0 } });
    expect((await db.messages.get('a'))?.isRead).toBe(0);
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 2 });
  });

  it('takes one message out of a bulk intent and keeps the others', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['a', 'b'], isRead: true });
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: false });
    expect(await ops(db)).toEqual([
      { kind: 'set-read', ids: ['b'], isRead: true },
      { kind: 'set-read', ids: ['a'], isRead: false },
    ]);
    const [first] = await db.outbox.toArray();
    expect(Object.keys(first!.local!.before!)).toEqual(['b']);
  });

  it('a category put on and taken off is one change, and other categories stay their own', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Red', on: true });
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Blue', on: true });
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Red', on: false });
    expect(await ops(db)).toEqual([
      { kind: 'categorize', ids: ['a'], category: 'Blue', on: true },
      { kind: 'categorize', ids: ['a'], category: 'Red', on: false },
    ]);
    expect((await db.messages.get('a'))?.categories).toEqual(['Blue']);
  });

  it('flag toggles end as one change: the last', async () => {
    const db = await seeded();
    for (const flag of [1, 0, 1, 2] as const) await recordAction(db, { kind: 'set-flag', ids: ['a'], flag });
    expect(await ops(db)).toEqual([{ kind: 'set-flag', ids: ['a'], flag: 2 }]);
  });

  it('a move then a move is one move from where it was', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'archive' });
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'travel' });
    expect(await ops(db)).toEqual([{ kind: 'move', ids: ['a'], toFolderId: 'travel' }]);
    expect((await db.outbox.toArray())[0]?.local?.origin).toEqual({ a: 'inbox' });
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'inbox' });
    expect(await ops(db)).toEqual([{ kind: 'move', ids: ['a'], toFolderId: 'inbox' }]);
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 2 });
    expect(await counts(db, 'travel')).toEqual({ total: 0, unread: 0 });
  });

  it('a delete after a move is one delete, and its undo one move back', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'archive' });
    await recordAction(db, { kind: 'delete', ids: ['a'] });
    expect(await ops(db)).toEqual([{ kind: 'delete', ids: ['a'] }]);
    expect((await db.messages.get('a'))?.folderId).toBe('trash');
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'inbox' });
    expect(await ops(db)).toEqual([{ kind: 'move', ids: ['a'], toFolderId: 'inbox' }]);
  });

  it('a delete for good after a delete is one delete for good, from where the message was', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'delete', ids: ['a'] });
    await recordAction(db, { kind: 'delete', ids: ['a'] });
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.op)).toEqual([{ kind: 'delete', ids: ['a'] }]);
    expect(entries[0]?.local).toMatchObject({ hardDelete: ['a'], origin: { a: 'inbox' } });
    expect(await db.messages.get('a')).toBeUndefined();
  });

  it('never folds into an entry being sent or whose outcome is unknown', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true });
    await recordAction(db, { kind: 'move', ids: ['b'], toFolderId: 'archive' });
    const [read, move] = await db.outbox.toArray();
    await db.outbox.update(read!.seq!, { state: 'sending' });
    await db.outbox.update(move!.seq!, { progress: { tried: true } });
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: false });
    await recordAction(db, { kind: 'move', ids: ['b'], toFolderId: 'inbox' });
    expect(await ops(db)).toEqual([
      { kind: 'set-read', ids: ['a'], isRead: true },
      { kind: 'move', ids: ['b'], toFolderId: 'archive' },
      { kind: 'set-read', ids: ['a'], isRead: false },
      { kind: 'move', ids: ['b'], toFolderId: 'inbox' },
    ]);
  });

  it('read state, flag and place of one message are separate: none supersedes another', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true });
    await recordAction(db, { kind: 'set-flag', ids: ['a'], flag: 1 });
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'archive' });
    expect((await ops(db)).map((o) => o.kind)).toEqual(['set-read', 'set-flag', 'move']);
  });

  it('a draft saved again replaces the words of the save still waiting; a send replaces the save', async () => {
    const db = await seeded();
    const opId = await recordAction(db, { kind: 'save-draft', draft: draft('Plan', 'one') });
    const id = localDraftId(opId);
    await recordAction(db, { kind: 'save-draft', draft: draft('Plan', 'two'), draftId: id });
    const saves = await db.outbox.toArray();
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ opId, op: { kind: 'save-draft', draft: { text: 'two' } } });
    await recordAction(db, { kind: 'send', draft: draft('Plan', 'three'), draftId: id });
    expect(await ops(db)).toEqual([{ kind: 'send', draft: draft('Plan', 'three'), draftId: id }]);
  });

  it('a save or send that left the files alone carries on the new files of a waiting remake it replaces', async () => {
    const db = await seeded();
    const files: Draft['attachments'] = [
      { kind: 'forward', sourceId: 'srv', attachmentId: 'a1', name: 'a.pdf', contentType: '', size: 1 },
      { kind: 'file', fileId: 'f1', name: 'b.txt', contentType: 'text/plain', size: 2 },
    ];
    await recordAction(db, {
      kind: 'save-draft',
      draft: { ...draft('Plan', 'one'), attachments: files, remake: true },
      draftId: 'srv',
    });
    await recordAction(db, { kind: 'save-draft', draft: draft('Plan', 'two'), draftId: 'srv' });
    expect(await ops(db)).toEqual([
      { kind: 'save-draft', draft: { ...draft('Plan', 'two'), attachments: files, remake: true }, draftId: 'srv' },
    ]);
    await recordAction(db, { kind: 'send', draft: draft('Plan', 'three'), draftId: 'srv' });
    expect(await ops(db)).toEqual([
      { kind: 'send', draft: { ...draft('Plan', 'three'), attachments: files, remake: true }, draftId: 'srv' },
    ]);
  });

  it('renames fold into the waiting create or rename; a folder made and deleted for good is nothing', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'create-folder', parentId: 'root', name: 'Trips', tempId: 'local:folder:t' });
    await recordAction(db, { kind: 'rename-folder', id: 'local:folder:t', name: 'Journeys' });
    expect(await ops(db)).toEqual([
      { kind: 'create-folder', parentId: 'root', name: 'Journeys', tempId: 'local:folder:t' },
    ]);
    await recordAction(db, { kind: 'rename-folder', id: 'archive', name: 'Old' });
    await recordAction(db, { kind: 'rename-folder', id: 'archive', name: 'Older' });
    expect((await ops(db)).slice(1)).toEqual([{ kind: 'rename-folder', id: 'archive', name: 'Older' }]);

    await recordAction(db, { kind: 'delete-folder', id: 'local:folder:t' }); // to Deleted Items
    await recordAction(db, { kind: 'delete-folder', id: 'local:folder:t' }); // for good
    expect((await ops(db)).map((o) => o.kind)).toEqual(['rename-folder']);
    expect(await db.folders.get('local:folder:t')).toBeUndefined();
  });

  it('keeps a folder made here when mail was moved into it before it was deleted', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'create-folder', parentId: 'root', name: 'Trips', tempId: 'local:folder:t' });
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'local:folder:t' });
    await recordAction(db, { kind: 'delete-folder', id: 'local:folder:t' });
    await recordAction(db, { kind: 'delete-folder', id: 'local:folder:t' });
    expect((await ops(db)).map((o) => o.kind)).toEqual(['create-folder', 'move', 'delete-folder', 'delete-folder']);
  });
});
