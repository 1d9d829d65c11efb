import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB, type MailDB } from './schema.js';
import { recordAction, ActionError } from './actions.js';
import type { MessageRow } from './entities.js';
import { localDraftId } from './local-ids.js';
import { searchTerms } from './terms.js';
import { folderRow, messageRow } from './test-rows.js';

const freshDB = () => openMailDB('actions', { indexedDB: new IDBFactory(), IDBKeyRange });

const folder = folderRow;

const message = (id: string, folderId: string, extra: Partial<MessageRow> = {}) =>
  messageRow(id, { folderId, terms: searchTerms(`Subject ${id}`, undefined, ''), ...extra });

/** A mailbox with Inbox (a unread, b read), Archive, Deleted Items (t1 unread) and Drafts. */
async function seeded(): Promise<MailDB> {
  const db = freshDB();
  await db.folders.bulkPut([
    folder('inbox', { distinguished: 'inbox', total: 2, unread: 1 }),
    folder('archive', { total: 0 }),
    folder('trash', { distinguished: 'deleteditems', total: 1, unread: 1, name: 'Deleted Items' }),
    folder('trash-sub', { parentId: 'trash' }),
    folder('drafts', { distinguished: 'drafts', name: 'Drafts' }),
    folder('calendar', { kind: 'CalendarFolder', folderClass: 'IPF.Appointment' }),
  ]);
  await db.messages.bulkPut([message('a', 'inbox'), message('b', 'inbox', { isRead: 1 }), message('t1', 'trash')]);
  await db.bodies.put({ id: 't1', type: 'text', content: 'x', attachments: [], fetchedAt: 1, size: 1 });
  return db;
}

const counts = async (db: MailDB, id: string) => {
  const f = await db.folders.get(id);
  return { total: f?.total, unread: f?.unread };
};

describe('recordAction', () => {
  it('marks read locally, keeps the unread count current and queues one entry', async () => {
    const db = await seeded();
    const opId = await recordAction(db, { kind: 'set-read', ids: ['a', 'b'], isRead: true });
    expect((await db.messages.get('a'))?.isRead).toBe(1);
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 0 });
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ opId, state: 'pending', attempts: 0, op: { kind: 'set-read' } });
  });

  it('marks unread and counts it', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'set-read', ids: ['b'], isRead: false });
    expect(await counts(db, 'inbox')).toEqual({ total: 2, unread: 2 });
  });

  it('mints a distinct opId per intent', async () => {
    const db = await seeded();
    const one = await recordAction(db, { kind: 'set-flag', ids: ['a'], flag: 1 });
    const two = await recordAction(db, { kind: 'set-flag', ids: ['b'], flag: 1 });
    expect(one).not.toBe(two);
    expect((await db.outbox.toArray()).map((e) => e.opId)).toEqual([one, two]);
  });

  it('moves rows and both folders’ counts', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'move', ids: ['a', 'b'], toFolderId: 'archive' });
    expect((await db.messages.get('a'))?.folderId).toBe('archive');
    expect(await counts(db, 'inbox')).toEqual({ total: 0, unread: 0 });
    expect(await counts(db, 'archive')).toEqual({ total: 2, unread: 1 });
  });

  it('refuses a move to an unknown or non-mail folder and records nothing', async () => {
    const db = await seeded();
    await expect(recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'nope' })).rejects.toThrow(ActionError);
    await expect(recordAction(db, { kind: 'move', ids: ['a'], toFolderId: 'calendar' })).rejects.toThrow(
      /does not hold mail/,
    );
    expect(await db.outbox.count()).toBe(0);
    expect((await db.messages.get('a'))?.folderId).toBe('inbox');
  });

  it('deletes to Deleted Items, and for good from there', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'delete', ids: ['a', 't1'] });
    expect((await db.messages.get('a'))?.folderId).toBe('trash');
    expect(await db.messages.get('t1')).toBeUndefined();
    expect(await db.bodies.get('t1')).toBeUndefined();
    expect(await counts(db, 'inbox')).toEqual({ total: 1, unread: 0 });
    expect(await counts(db, 'trash')).toEqual({ total: 1, unread: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry?.local?.hardDelete).toEqual(['t1']);
  });

  it('deletes for good from a folder inside Deleted Items', async () => {
    const db = await seeded();
    await db.messages.put(message('s', 'trash-sub'));
    await recordAction(db, { kind: 'delete', ids: ['s'] });
    expect(await db.messages.get('s')).toBeUndefined();
  });

  it('rejects bad input with a clear error and records nothing', async () => {
    const db = await seeded();
    const bad: unknown[] = [
      { kind: 'set-read', ids: [], isRead: true },
      { kind: 'set-read', ids: ['a'], isRead: 'yes' },
      { kind: 'set-flag', ids: ['a'], flag: 7 },
      { kind: 'categorize', ids: ['a'], category: '  ', on: true },
      { kind: 'categorize', ids: ['a'], category: ' Red', on: true },
      { kind: 'categorize', ids: ['a'], category: 'Red, Blue', on: true },
      { kind: 'categorize', ids: ['a'], category: 'x'.repeat(256), on: true },
      { kind: 'categorize', ids: ['a'], category: 'Red', on: 1 },
      { kind: 'send', draft: { to: [], cc: [], bcc: [], subject: 's', text: 't' } },
      { kind: 'send', draft: { to: [{ name: 'x', email: 'not an address' }], cc: [], bcc: [], subject: '', text: '' } },
      { kind: 'create-folder', parentId: '', name: '   ', tempId: 'local:f' },
      { kind: 'rename-folder', id: 'inbox', name: 'Mine' },
      { kind: 'delete-folder', id: 'drafts' },
      { kind: 'explode' },
    ];
    for (const op of bad) await expect(recordAction(db, op as never)).rejects.toThrow(ActionError);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues a send without touching the rows', async () => {
    const db = await seeded();
    const before = await db.messages.count();
    await recordAction(db, {
      kind: 'send',
      draft: { to: [{ name: 'Ada', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Hi', text: 'Hello' },
    });
    expect(await db.messages.count()).toBe(before);
    expect(await db.outbox.count()).toBe(1);
  });

  it('shows a saved draft in Drafts with its body, and updates it in place', async () => {
    const db = await seeded();
    const draft = { to: [{ name: 'Ada', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Plan', text: 'First' };
    const opId = await recordAction(db, { kind: 'save-draft', draft });
    const id = localDraftId(opId);
    expect(await db.messages.get(id)).toMatchObject({ folderId: 'drafts', subject: 'Plan', isDraft: true });
    expect((await db.bodies.get(id))?.content).toBe('First');
    expect(await counts(db, 'drafts')).toEqual({ total: 1, unread: 0 });

    const bcc = [{ name: 'Boss', email: 'boss@tern.test' }];
    await recordAction(db, { kind: 'save-draft', draft: { ...draft, text: 'Second', bcc }, draftId: id });
    expect((await db.bodies.get(id))?.content).toBe('Second');
    expect((await db.messages.get(id))?.bcc).toEqual(bcc);
    await recordAction(db, { kind: 'save-draft', draft: { ...draft, text: 'Second' }, draftId: id });
    expect((await db.messages.get(id))?.bcc).toBeUndefined();
    expect(await counts(db, 'drafts')).toEqual({ total: 1, unread: 0 });

    await recordAction(db, { kind: 'send', draft, draftId: id });
    expect(await db.messages.get(id)).toBeUndefined();
    expect(await counts(db, 'drafts')).toEqual({ total: 0, unread: 0 });
  });

  it('previews a saved draft by its words, without the composer’s marks', async () => {
    const db = await seeded();
    const text = 'The **plan**, [here](https://x.test/p)';
    const opId = await recordAction(db, { kind: 'save-draft', draft: { to: [], cc: [], bcc: [], subject: 'P', text } });
    expect((await db.messages.get(localDraftId(opId)))?.preview).toBe('The plan, here');
  });

  it('keeps listing a server draft’s files when its words are saved, and only those it keeps when remade', async () => {
    const db = await seeded();
    await db.messages.put(message('srv-draft', 'drafts', { isDraft: true, hasAttachments: 1 }));
    const file = (id: string) => ({ id, name: `${id}.pdf`, contentType: 'application/pdf', size: 9, isInline: false });
    await db.bodies.put({
      id: 'srv-draft',
      type: 'text',
      content: 'Old',
      attachments: [file('a1'), file('a2')],
      fetchedAt: 0,
      size: 3,
    });
    const draft = { to: [{ name: 'Ada', email: 'ada@tern.test' }], cc: [], bcc: [], subject: 'Plan', text: 'New' };

    await recordAction(db, { kind: 'save-draft', draft, draftId: 'srv-draft' });
    expect((await db.bodies.get('srv-draft'))?.attachments.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect((await db.messages.get('srv-draft'))?.hasAttachments).toBe(1);

    const a2 = {
      kind: 'forward' as const,
      sourceId: 'srv-draft',
      attachmentId: 'a2',
      name: 'a2.pdf',
      contentType: '',
      size: 9,
    };
    await recordAction(db, {
      kind: 'save-draft',
      draft: { ...draft, attachments: [a2], remake: true },
      draftId: 'srv-draft',
    });
    expect((await db.bodies.get('srv-draft'))?.attachments.map((a) => a.id)).toEqual(['a2']);

    await recordAction(db, {
      kind: 'save-draft',
      draft: { ...draft, attachments: [], remake: true },
      draftId: 'srv-draft',
    });
    expect((await db.bodies.get('srv-draft'))?.attachments).toEqual([]);
    expect((await db.messages.get('srv-draft'))?.hasAttachments).toBe(0);
  });

  it('creates, renames and deletes folders locally', async () => {
    const db = await seeded();
    await recordAction(db, { kind: 'create-folder', parentId: 'inbox', name: 'Receipts', tempId: 'local:f1' });
    expect(await db.folders.get('local:f1')).toMatchObject({ parentId: 'inbox', name: 'Receipts', total: 0 });
    await expect(
      recordAction(db, { kind: 'create-folder', parentId: 'inbox', name: 'receipts', tempId: 'local:f2' }),
    ).rejects.toThrow(/already exists/);

    await recordAction(db, { kind: 'rename-folder', id: 'local:f1', name: 'Bills' });
    expect((await db.folders.get('local:f1'))?.name).toBe('Bills');

    await recordAction(db, { kind: 'delete-folder', id: 'local:f1' });
    expect((await db.folders.get('local:f1'))?.parentId).toBe('trash');

    await db.messages.put(message('in-f1', 'local:f1'));
    await recordAction(db, { kind: 'delete-folder', id: 'local:f1' });
    expect(await db.folders.get('local:f1')).toBeUndefined();
    expect(await db.messages.get('in-f1')).toBeUndefined();
  });

  it('records nothing when the transaction fails', async () => {
    const db = await seeded();
    await db.close();
    await expect(recordAction(db, { kind: 'set-read', ids: ['a'], isRead: true })).rejects.toThrow();
    db.open();
    expect(await db.outbox.count()).toBe(0);
  });
});
