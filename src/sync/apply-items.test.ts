import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Item, ItemChange } from '../ews/index.js';
import { openMailDB, type MailDB } from '../db/index.js';
import { applyItemPage, type ItemPage } from './apply-items.js';

const db = async (): Promise<MailDB> => {
  const d = openMailDB('apply', { indexedDB: new IDBFactory(), IDBKeyRange });
  await d.folders.put({
    id: 'f',
    parentId: 'r',
    name: 'F',
    kind: 'Folder',
    folderClass: 'IPF.Note',
    total: 0,
    unread: 0,
    childCount: 0,
  });
  return d;
};

const item = (id: string, ck: string, extra: Partial<Item> = {}): Item => ({
  kind: 'Message',
  itemId: { id, changeKey: ck },
  subject: `S ${id}`,
  dateTimeReceived: '2026-01-01T00:00:00Z',
  isRead: false,
  size: 100,
  ...extra,
});
const create = (id: string, ck = 'ck1'): ItemChange => ({
  type: 'Create',
  item: { kind: 'Message', itemId: { id, changeKey: ck } },
});

const page = (changes: ItemChange[], items: Item[], over: Partial<ItemPage> = {}): ItemPage => ({
  folderId: 'f',
  changes,
  items: new Map(items.map((i) => [i.itemId!.id, i])),
  gone: new Set(),
  failed: [],
  retried: [],
  syncState: 'state-1',
  complete: true,
  ...over,
});

const folderCounts = async (d: MailDB) => {
  const f = await d.folders.get('f');
  return [f?.total, f?.unread];
};

describe('applyItemPage', () => {
  it('stores creates, counts them and saves the state in the same transaction', async () => {
    const d = await db();
    const changed = await applyItemPage(
      d,
      page([create('a'), create('b')], [item('a', 'ck1'), item('b', 'ck1', { isRead: true })]),
      undefined,
      { total: 2, unread: 1 },
      50,
    );
    expect(changed).toBe(2);
    expect(await folderCounts(d)).toEqual([2, 1]);
    expect(await d.cursors.get('f')).toMatchObject({
      syncState: 'state-1',
      complete: true,
      lastSync: 50,
      seenTotal: 2,
      seenUnread: 1,
    });
  });

  it('applies read flags without a fetch, and deletes rows with their bodies', async () => {
    const d = await db();
    await applyItemPage(
      d,
      page([create('a'), create('b')], [item('a', 'ck1'), item('b', 'ck1')]),
      undefined,
      undefined,
      1,
    );
    await d.bodies.put({ id: 'b', type: 'text', content: 'x', attachments: [], fetchedAt: 1, size: 1 });
    await applyItemPage(
      d,
      page(
        [
          { type: 'ReadFlagChange', itemId: { id: 'a', changeKey: 'ck2' }, isRead: true },
          { type: 'Delete', itemId: { id: 'b' } },
          { type: 'Delete', itemId: { id: 'never-seen' } },
        ],
        [],
      ),
      await d.cursors.get('f'),
      undefined,
      2,
    );
    expect(await d.messages.get('a')).toMatchObject({ isRead: 1, changeKey: 'ck2' });
    expect(await d.messages.get('b')).toBeUndefined();
    expect(await d.bodies.get('b')).toBeUndefined();
    expect(await folderCounts(d)).toEqual([1, 0]);
  });

  it('drops items GetItem did not find and keeps failed ones for the next pass', async () => {
    const d = await db();
    const changed = await applyItemPage(
      d,
      page([create('a'), create('gone'), create('bad')], [item('a', 'ck1')], {
        gone: new Set(['gone']),
        failed: ['bad'],
      }),
      undefined,
      undefined,
      1,
    );
    expect(changed).toBe(1);
    expect(await d.messages.count()).toBe(1);
    expect((await d.cursors.get('f'))?.retryIds).toEqual(['bad']);
  });

  it('leaves a row alone when an update brings back our own ChangeKey', async () => {
    const d = await db();
    await applyItemPage(d, page([create('a')], [item('a', 'ck1')]), undefined, undefined, 1);
    const changed = await applyItemPage(
      d,
      page([{ type: 'Update', item: { kind: 'Message', itemId: { id: 'a', changeKey: 'ck1' } } }], []),
      await d.cursors.get('f'),
      undefined,
      2,
    );
    expect(changed).toBe(0);
    expect((await d.cursors.get('f'))?.syncState).toBe('state-1');
  });

  it('keeps the body when only flags change and drops it when the size changes', async () => {
    const d = await db();
    await applyItemPage(
      d,
      page([create('a'), create('b')], [item('a', 'ck1'), item('b', 'ck1')]),
      undefined,
      undefined,
      1,
    );
    await d.bodies.bulkPut(
      ['a', 'b'].map((id) => ({ id, type: 'text' as const, content: 'x', attachments: [], fetchedAt: 1, size: 1 })),
    );
    await applyItemPage(
      d,
      page(
        [
          { type: 'Update', item: { kind: 'Message', itemId: { id: 'a', changeKey: 'ck2' } } },
          { type: 'Update', item: { kind: 'Message', itemId: { id: 'b', changeKey: 'ck2' } } },
        ],
        [item('a', 'ck2', { flag: { flagStatus: 'Flagged' } }), item('b', 'ck2', { size: 900 })],
      ),
      await d.cursors.get('f'),
      undefined,
      2,
    );
    expect((await d.messages.get('a'))?.flag).toBe(1);
    expect(await d.bodies.get('a')).toBeDefined();
    expect(await d.bodies.get('b')).toBeUndefined();
  });

  it('sweeps only after a complete re-list, sparing local drafts and rows with pending intents', async () => {
    const d = await db();
    await applyItemPage(
      d,
      page(
        ['a', 'b', 'c', 'd'].map((id) => create(id)),
        ['a', 'b', 'c', 'd'].map((id) => item(id, 'ck1')),
      ),
      undefined,
      undefined,
      1,
    );
    await d.messages.put({ ...(await d.messages.get('a'))!, id: 'local:draft:1' });
    await d.outbox.add({
      opId: 'o',
      op: { kind: 'set-flag', ids: ['d'], flag: 1 },
      state: 'pending',
      attempts: 0,
      createdAt: 1,
    });
    await d.folders.update('f', { total: 5, unread: 5 });
    const relisting = { ...(await d.cursors.get('f'))!, sweep: 7 };
    delete relisting.syncState;

    // First page of the re-list: 'a' unchanged (no fetch), nothing deleted yet.
    await applyItemPage(d, page([create('a')], [], { complete: false, syncState: 'r1' }), relisting, undefined, 2);
    expect(await d.messages.count()).toBe(5);
    expect(await d.cursors.get('f')).toMatchObject({ sweep: 7, complete: false });

    // Last page: 'b' changed; 'c' was not seen and goes; the draft and 'd' stay.
    await applyItemPage(
      d,
      page([create('b', 'ck9')], [item('b', 'ck9')], { syncState: 'r2' }),
      await d.cursors.get('f'),
      undefined,
      3,
    );
    expect((await d.messages.toCollection().primaryKeys()).sort()).toEqual(['a', 'b', 'd', 'local:draft:1']);
    expect(await d.cursors.get('f')).toMatchObject({ syncState: 'r2', complete: true, lastVerified: 3 });
    expect((await d.cursors.get('f'))?.sweep).toBeUndefined();
    expect(await folderCounts(d)).toEqual([4, 4]);
  });

  it('writes nothing when the transaction fails', async () => {
    const d = await db();
    const bad = page(
      [create('a')],
      [{ kind: 'Message', itemId: { id: 'a', changeKey: 'x' }, dateTimeReceived: '2026-01-01T00:00:00Z' }],
    );
    // An item that cannot become a row (no id) aborts the whole page.
    bad.items.set('a', { kind: 'Message' });
    await expect(applyItemPage(d, bad, undefined, undefined, 1)).rejects.toThrow();
    expect(await d.messages.count()).toBe(0);
    expect(await d.cursors.get('f')).toBeUndefined();
  });
});
