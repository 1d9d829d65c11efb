// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db.js';
import { createTranslator } from '../i18n/translate.js';
import { archive, setRead, toggleCategory, toggleFlag } from './message-actions.js';
import { dismissToast, toasts } from './toasts.js';
import { folderRow, messageRow } from '../../db/test-rows.js';

const t = createTranslator('en');

const folder = folderRow;

const message = messageRow;

const rows = async (ids: string[]) => (await db.messages.bulkGet(ids)).map((m) => m!);
const lastToast = () => toasts.get().at(-1)!;

/** Presses Undo on the toast showing and waits for the inverse intents to be recorded. */
async function undo(): Promise<void> {
  lastToast().undo!();
  for (let i = 0; i < 200 && toasts.get().at(-1)?.text !== 'Undone.'; i++) await new Promise((r) => setTimeout(r, 5));
  expect(lastToast().text).toBe('Undone.');
}

beforeEach(async () => {
  for (const toast of toasts.get()) dismissToast(toast.id);
  await db.transaction('rw', [db.folders, db.messages, db.outbox], async () => {
    await Promise.all([db.folders.clear(), db.messages.clear(), db.outbox.clear()]);
    await db.folders.bulkPut([
      folder('inbox', { distinguished: 'inbox', total: 4, unread: 2 }),
      folder('archive', { distinguished: 'archive' }),
    ]);
    await db.messages.bulkPut([
      message('a'),
      message('b', { isRead: 1, flag: 1 }),
      message('c', { receivedAt: 900 }),
      message('d', { isRead: 1, receivedAt: 800 }),
    ]);
  });
});

describe('actions on a selection', () => {
  it('marks several messages read as one intent, and Undo gives each its own state back', async () => {
    expect(await setRead(await rows(['a', 'b', 'c']), true, t)).toBe(true);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.op)).toEqual([{ kind: 'set-read', ids: ['a', 'b', 'c'], isRead: true }]);
    expect((await rows(['a', 'b', 'c'])).map((m) => m.isRead)).toEqual([1, 1, 1]);
    expect(lastToast().text).toBe('3 messages marked as read.');

    await undo();
    // a and c were unread, b was read: exactly that mix, not "all unread".
    expect((await rows(['a', 'b', 'c'])).map((m) => m.isRead)).toEqual([0, 1, 0]);
  });

  it('flags a mixed selection, and Undo leaves the one that was flagged flagged', async () => {
    await toggleFlag(await rows(['a', 'b']), t);
    expect((await rows(['a', 'b'])).map((m) => m.flag)).toEqual([1, 1]);
    expect(lastToast().text).toBe('2 messages flagged.');
    await undo();
    expect((await rows(['a', 'b'])).map((m) => m.flag)).toEqual([0, 1]);
  });

  it('puts a category on a mixed selection, takes it off once all have it, and Undo touches only what changed', async () => {
    await db.messages.update('b', { categories: ['Travel', 'Red'] });
    await toggleCategory(await rows(['a', 'b']), 'Travel', t);
    expect((await rows(['a', 'b'])).map((m) => m.categories)).toEqual([['Travel'], ['Travel', 'Red']]);
    expect(lastToast().text).toBe('Category “Travel” added to 2 messages.');
    await undo();
    expect((await rows(['a', 'b'])).map((m) => m.categories)).toEqual([undefined, ['Travel', 'Red']]);

    await toggleCategory(await rows(['b']), 'Travel', t);
    expect((await rows(['b']))[0]?.categories).toEqual(['Red']);
    expect(lastToast().text).toBe('Category “Travel” removed.');
  });

  it('archives a selection as one move, and Undo brings every message back', async () => {
    await archive(await rows(['a', 'c', 'd']), t);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.op)).toEqual([{ kind: 'move', ids: ['a', 'c', 'd'], toFolderId: 'archive' }]);
    expect(lastToast().text).toBe('3 messages archived.');
    expect((await rows(['a', 'c', 'd'])).map((m) => m.folderId)).toEqual(['archive', 'archive', 'archive']);

    await undo();
    expect((await rows(['a', 'c', 'd'])).map((m) => m.folderId)).toEqual(['inbox', 'inbox', 'inbox']);
  });

  it('says one message the way it always did', async () => {
    await archive(await rows(['a']), t);
    expect(lastToast().text).toBe('Archived.');
  });
});
