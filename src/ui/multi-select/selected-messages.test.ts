import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openMailDB, type MailDB } from '../../db/index.js';
import { ANCHOR_EVERY } from '../queries/folder-anchors.js';
import { positionOf } from '../queries/message-position.js';
import { messagePage } from '../../db/index.js';
import { countSelected, rangeIds, selectedMessages } from './selected-messages.js';
import { addRange, selectAll, toggle } from './selection-model.js';
import { anchorsFor, listRow } from '../queries/test-support.js';

const row = listRow;

const folder = (id: string, total: number) => ({
  id,
  parentId: 'root',
  name: id,
  kind: 'Folder' as const,
  folderClass: 'IPF.Note',
  total,
  unread: 0,
  childCount: 0,
});

let db: MailDB;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

describe('positionOf', () => {
  it('matches the list order, messages received in the same millisecond included', async () => {
    db = openMailDB(`position-${Math.random()}`);
    const rows = Array.from({ length: 40 }, (_, i) => row('f', i, 1000 - Math.floor(i / 4)));
    await db.messages.bulkPut([...rows, row('g', 1, 990)]);
    const list = await messagePage(db, 'f', 0, 40);
    for (const [i, m] of list.entries()) expect(await positionOf(db, m), m.id).toBe(i);
  });
});

describe('range selection in a virtualized list', () => {
  it('takes every message between the anchor and the clicked row, far beyond what was rendered', async () => {
    db = openMailDB(`range-${Math.random()}`);
    const total = ANCHOR_EVERY * 2 + 11;
    const rows = Array.from({ length: total }, (_, i) => row('big', i, 5_000_000 - Math.floor(i / 3)));
    await db.messages.bulkPut(rows);
    await db.folders.put(folder('big', total));
    const anchors = await anchorsFor(db, 'big', total);
    const list = await messagePage(db, 'big', 0, total);

    // Anchor near the top, Shift+click 500 rows further down (only ~20 rows are ever in the DOM).
    const s0 = toggle(undefined, 'big', list[5]!.id);
    const ids = await rangeIds(db, 'big', s0.anchorId, 505, anchors);
    expect(ids).toEqual(list.slice(5, 506).map((m) => m.id));
    const s1 = addRange(s0, 'big', ids, list[505]!.id);
    expect(await countSelected(db, s1)).toBe(501);

    // Upwards works the same way.
    const up = await rangeIds(db, 'big', list[505]!.id, 490, anchors);
    expect(up).toEqual(list.slice(490, 506).map((m) => m.id));
  });

  it('follows the anchor when new mail arrived since it was clicked', async () => {
    db = openMailDB(`range-${Math.random()}`);
    const rows = Array.from({ length: 30 }, (_, i) => row('f', i, 1000 - i));
    await db.messages.bulkPut(rows);
    const anchorId = rows[3]!.id;
    // Two new messages: everything moves down by two; the user clicks row 9 of what they see now.
    await db.messages.bulkPut([row('f', 100, 2000), row('f', 101, 2001)]);
    const ids = await rangeIds(db, 'f', anchorId, 9, undefined);
    expect(ids).toEqual(rows.slice(3, 8).map((m) => m.id));
  });

  it('selects just the clicked row when there is no anchor or it left the folder', async () => {
    db = openMailDB(`range-${Math.random()}`);
    const rows = Array.from({ length: 10 }, (_, i) => row('f', i, 1000 - i));
    await db.messages.bulkPut(rows);
    expect(await rangeIds(db, 'f', undefined, 4, undefined)).toEqual([rows[4]!.id]);
    await db.messages.update(rows[1]!.id, { folderId: 'elsewhere' });
    expect(await rangeIds(db, 'f', rows[1]!.id, 4, undefined)).toEqual([rows[5]!.id]);
  });
});

describe('select all', () => {
  it('resolves to every message of the folder by query, minus the ones toggled off', async () => {
    db = openMailDB(`all-${Math.random()}`);
    const rows = Array.from({ length: 400 }, (_, i) => row('f', i, 10_000 - i));
    await db.messages.bulkPut([...rows, row('other', 1, 5)]);
    await db.folders.put(folder('f', 400));
    const s = toggle(toggle(selectAll('f'), 'f', rows[7]!.id), 'f', rows[300]!.id);
    const picked = await selectedMessages(db, s);
    expect(picked).toHaveLength(398);
    expect(picked.map((m) => m.id)).not.toContain(rows[7]!.id);
    expect(picked.every((m) => m.folderId === 'f')).toBe(true);
    expect(picked[0]!.id).toBe(rows[0]!.id);
    expect(await countSelected(db, s)).toBe(398);
  });

  it('leaves out picked messages that have left the folder since', async () => {
    db = openMailDB(`all-${Math.random()}`);
    const rows = Array.from({ length: 5 }, (_, i) => row('f', i, 100 - i));
    await db.messages.bulkPut(rows);
    let s = toggle(undefined, 'f', rows[0]!.id);
    s = toggle(s, 'f', rows[2]!.id);
    await db.messages.update(rows[0]!.id, { folderId: 'archive' });
    expect((await selectedMessages(db, s)).map((m) => m.id)).toEqual([rows[2]!.id]);
    expect(await countSelected(db, s)).toBe(1);
  });
});
