import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB, type MailDB } from './schema.js';
import { recordAction } from './actions.js';
import { HIERARCHY_CURSOR, type MessageRow, type OutboxReason } from './entities.js';
import { discardEntry, parkEntry, releaseSend, retryEntry, takeBackSend } from './outbox-admin.js';
import { addNotes, OUTBOX_NOTES, outboxNotes } from './outbox-notes.js';
import { folderRow, messageRow } from './test-rows.js';

const folder = folderRow;

const message = (id: string, folderId: string, extra: Partial<MessageRow> = {}) =>
  messageRow(id, { folderId, ...extra });

let n = 0;
async function seeded(): Promise<MailDB> {
  const db = openMailDB(`admin-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.folders.bulkPut([
    folder('inbox', { distinguished: 'inbox', total: 2, unread: 2 }),
    folder('archive'),
    folder('trash', { distinguished: 'deleteditems' }),
  ]);
  await db.messages.bulkPut([message('a', 'inbox'), message('b', 'inbox')]);
  await db.cursors.bulkPut([
    { key: 'inbox', syncState: 's', complete: true, updatedAt: 1, lastVerified: 99 },
    { key: HIERARCHY_CURSOR, syncState: 'h', complete: true, updatedAt: 1 },
  ]);
  return db;
}

const entries = (db: MailDB) => db.outbox.orderBy('seq').toArray();
const gone: OutboxReason = { code: 'target-gone', folder: 'Archive', count: 1 };
const refused: OutboxReason = { code: 'refused', ews: 'ErrorAccessDenied' };
const parentGone: OutboxReason = { code: 'parent-gone', name: 'Trips', folder: 'Root' };
const counts = async (db: MailDB, id: string) => {
  const f = await db.folders.get(id);
  return { total: f?.total, unread: f?.unread };
};

describe('parking', () => {
  it('undoes a move locally, counts included, and keeps the entry with its reason', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'archive' });
    const [entry] = await entries(db);
    await parkEntry(db, entry!.seq!, gone, 5);
    expect((await db.messages.get('a'))?.folderId).toBe('inbox');
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 2 });
    expect(await counts(db, 'archive')).toEqual({ total: 0, unread: 0 });
    expect(await entries(db)).toMatchObject([{ state: 'parked', error: gone, parkedAt: 5 }]);
  });

  it('undoes one category and leaves the others the message was given meanwhile', async () => {
    const db = await seeded();
    await db.messages.update('a', { categories: ['Blue'] });
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Red', on: true });
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Green', on: true });
    await recordAction(db, { kind: 'categorize', ids: ['a'], category: 'Blue', on: true });
    expect((await db.messages.get('a'))?.categories).toEqual(['Blue', 'Red', 'Green']);
    const [red, , blue] = await entries(db);
    await parkEntry(db, red!.seq!, refused, 1);
    // Blue was there before its intent: taking that intent back leaves it.
    await parkEntry(db, blue!.seq!, refused, 1);
    expect((await db.messages.get('a'))?.categories).toEqual(['Blue', 'Green']);
  });

  it('leaves a later intent’s effect in place and hands it the state from before', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true });
    const [first] = await entries(db);
    await db.outbox.update(first!.seq!, { state: 'sending' }); // so the next one does not fold into it
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: false });
    await parkEntry(db, first!.seq!, refused, 1);
    expect((await db.messages.get('a'))?.isRead).toBe(0);
    const second = (await entries(db))[1]!;
    expect(second.local?.before).toEqual({ a: { isRead: 0 } });
    await recordAction(db, { kind: 'set-flag', ids: ['b'], flag: 1 });
    await parkEntry(db, second.seq!, refused, 2);
    // Both parked: the row shows the server's state, unread.
    expect((await db.messages.get('a'))?.isRead).toBe(0);
  });

  it('parks what depends on a folder that could not be created, and undoes it all', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'create-folder', parentId: 'root', name: 'Trips', tempId: 'local:folder:t' });
    await recordAction(db, { kind: 'move', ids: ['a', 'b'], toFolderId: 'local:folder:t' });
    await recordAction(db, { kind: 'set-flag', ids: ['a'], flag: 1 });
    const [create, move, flag] = await entries(db);
    await parkEntry(db, create!.seq!, parentGone, 1);
    expect(await db.folders.get('local:folder:t')).toBeUndefined();
    expect((await db.messages.get('a'))?.folderId).toBe('inbox');
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 2 });
    const after = await entries(db);
    expect(after.map((e) => e.state)).toEqual(['parked', 'parked', 'pending']);
    expect(after[1]?.error).toEqual({ code: 'needs-failed', cause: parentGone });
    expect(after[2]?.seq).toBe(flag!.seq);
    expect(move).toBeDefined();
  });

  it('lists a folder again when a row deleted for good here must come back', async () => {
    const db = await seeded();
    await db.messages.put(message('t', 'trash'));
    await recordAction(db, { kind: 'delete', ids: ['t'] });
    const [entry] = await entries(db);
    expect(entry?.local?.hardDelete).toEqual(['t']);
    await parkEntry(db, entry!.seq!, refused, 1);
    expect((await db.cursors.get('trash'))?.lastVerified ?? 0).toBe(0);
  });
});

describe('retry', () => {
  it('queues a parked entry again at the end, under the same opId, and re-applies it', async () => {
    const db = await seeded();
    const opId = await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'archive' });
    const [entry] = await entries(db);
    await parkEntry(db, entry!.seq!, gone, 1);
    await recordAction(db, { kind: 'set-read', ids: ['b'], isRead: true });
    await retryEntry(db, entry!.seq!, 2);
    const after = await entries(db);
    expect(after.map((e) => [e.op.kind, e.state])).toEqual([
      ['set-read', 'pending'],
      ['move', 'pending'],
    ]);
    expect(after[1]).toMatchObject({ opId, attempts: 0, local: { origin: { a: 'inbox' } } });
    expect(after[1]?.error).toBeUndefined();
    expect((await db.messages.get('a'))?.folderId).toBe('archive');
  });

  it('makes a failed entry due now', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-flag', ids: ['a'], flag: 1 });
    const [entry] = await entries(db);
    await db.outbox.update(entry!.seq!, {
      state: 'failed',
      notBefore: 10 ** 15,
      error: { code: 'refused', ews: 'ErrorServerBusy' },
    });
    await retryEntry(db, entry!.seq!);
    const [after] = await entries(db);
    expect(after?.state).toBe('pending');
    expect(after?.error).toBeUndefined();
    expect(after?.notBefore).toBeUndefined();
  });

  it('a send retried after it was parked looks for its message before making another', async () => {
    const db = await seeded();
    await recordAction(db, {
      kind: 'send',
      draft: { to: [{ name: '', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Hi', text: '' },
    });
    const [entry] = await entries(db);
    await db.outbox.update(entry!.seq!, { progress: { draftId: 'server-draft' } });
    await parkEntry(db, entry!.seq!, { code: 'send-lost' }, 1);
    await retryEntry(db, entry!.seq!, 2);
    expect((await entries(db))[0]?.progress).toEqual({ tried: true });
  });
});

describe('discard', () => {
  it('undoes the change and takes what needed it along, with a note', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'create-folder', parentId: 'root', name: 'Trips', tempId: 'local:folder:t' });
    await recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'local:folder:t' });
    await recordAction(db, { kind: 'set-read', ids: ['b'], isRead: true });
    const [create] = await entries(db);
    await discardEntry(db, create!.seq!, 3);
    expect((await entries(db)).map((e) => e.op.kind)).toEqual(['set-read']);
    expect(await db.folders.get('local:folder:t')).toBeUndefined();
    expect((await db.messages.get('a'))?.folderId).toBe('inbox');
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 1 });
    expect(await outboxNotes(db)).toEqual([{ opId: create!.opId, at: 3, what: { code: 'discarded-too', count: 1 } }]);
  });

  it('keeps a sent message’s draft on the server in mind, in a note', async () => {
    const db = await seeded();
    await recordAction(db, {
      kind: 'send',
      draft: { to: [{ name: '', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Hi', text: '' },
    });
    const [entry] = await entries(db);
    await db.outbox.update(entry!.seq!, { progress: { draftId: 'server-draft' } });
    await discardEntry(db, entry!.seq!, 4);
    expect(await outboxNotes(db)).toEqual([{ opId: entry!.opId, at: 4, what: { code: 'kept-in-drafts' } }]);
  });

  it('puts a renamed folder’s name back, and a folder deleted for good comes back from the server', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'rename-folder', id: 'archive', name: 'Old mail' });
    const [rename] = await entries(db);
    await discardEntry(db, rename!.seq!);
    expect((await db.folders.get('archive'))?.name).toBe('archive');

    await db.folders.put(folder('junk-sub', { parentId: 'trash' }));
    await recordAction(db, { kind: 'delete-folder', id: 'junk-sub' });
    const [del] = await entries(db);
    await discardEntry(db, del!.seq!);
    expect((await db.cursors.get(HIERARCHY_CURSOR))?.syncState).toBeUndefined();
  });
});

describe('notes', () => {
  it('reads notes kept by older versions, whose words were a sentence, alongside new ones', async () => {
    const db = await seeded();
    await db.meta.put({ key: OUTBOX_NOTES, value: [{ opId: 'old', at: 1, text: 'The message was deleted.' }] });
    await addNotes(db, [{ opId: 'new', at: 2, what: { code: 'messages-gone', count: 2 } }]);
    expect(await outboxNotes(db)).toEqual([
      { opId: 'new', at: 2, what: { code: 'messages-gone', count: 2 } },
      { opId: 'old', at: 1, what: 'The message was deleted.' },
    ]);
  });
});

describe('takeBackSend and releaseSend', () => {
  const draft = { to: [{ name: 'Ada', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Hi', text: 'Hello' };
  const held = async (db: MailDB) => recordAction(db, { kind: 'send', draft }, 1000, { holdUntil: 11_000 });

  it('records the hold, and lets it go while the send still waits', async () => {
    const db = await seeded();
    const opId = await held(db);
    expect((await db.outbox.toArray()).map((e) => [e.state, e.notBefore])).toEqual([['pending', 11_000]]);
    await releaseSend(db, opId);
    expect((await db.outbox.toArray()).map((e) => e.notBefore)).toEqual([undefined]);
  });

  it('takes back only a send no pass has started, putting back what `restore` writes in the same transaction', async () => {
    const db = await seeded();
    for (const started of [{ state: 'sending' as const }, { attempts: 1 }, { progress: { tried: true } }]) {
      const opId = await held(db);
      await db.outbox.where('opId').equals(opId).modify(started);
      expect(await takeBackSend(db, opId, () => db.meta.put({ key: 'draft:x', value: 1 }))).toBe(false);
      expect(await db.meta.get('draft:x')).toBeUndefined();
      await db.outbox.clear();
    }
    await recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true });
    const read = (await db.outbox.toArray())[0]!.opId;
    expect(await takeBackSend(db, read, async () => {})).toBe(false);
    expect(await db.outbox.count()).toBe(1);

    const opId = await held(db);
    expect(await takeBackSend(db, opId, () => db.meta.put({ key: 'draft:x', value: 1 }))).toBe(true);
    expect((await db.outbox.toArray()).map((e) => e.op.kind)).toEqual(['set-read']);
    expect(await db.meta.get('draft:x')).toEqual({ key: 'draft:x', value: 1 });
    expect(await takeBackSend(db, opId, async () => {})).toBe(false);
  });
});
