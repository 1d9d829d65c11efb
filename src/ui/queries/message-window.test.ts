import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { messagePage, openMailDB, type MailDB } from '../../db/index.js';
import { ANCHOR_EVERY, ensureAnchors, folderAnchors } from './folder-anchors.js';
import { messageWindow } from './message-window.js';
import { anchorsFor, listRow } from './test-support.js';

const row = listRow;

let db: MailDB;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

describe('messageWindow', () => {
  it('reads the same rows through anchors as by offset, ties in time included', async () => {
    db = openMailDB(`window-${Math.random()}`);
    const total = ANCHOR_EVERY * 3 + 37;
    // Runs of equal times, so anchors land inside ties; another folder around it in the index.
    const rows = Array.from({ length: total }, (_, i) => row('big', i, 1_000_000 - Math.floor(i / 7)));
    await db.messages.bulkPut([...rows, row('other', 1, 5), row('other', 2, 2_000_000)]);
    const anchors = await anchorsFor(db, 'big', total);
    expect(anchors.anchors).toHaveLength(Math.ceil(total / ANCHOR_EVERY));

    for (const offset of [0, ANCHOR_EVERY - 1, ANCHOR_EVERY, 2 * ANCHOR_EVERY + 499, total - 5]) {
      const direct = await messagePage(db, 'big', offset, 20);
      const anchored = await messageWindow(db, 'big', offset, 20, anchors);
      expect(
        anchored.map((m) => m.id),
        `offset ${offset}`,
      ).toEqual(direct.map((m) => m.id));
    }
  });

  it('leaves small folders to plain offsets', async () => {
    db = openMailDB(`window-${Math.random()}`);
    ensureAnchors(db, 'small', ANCHOR_EVERY);
    await new Promise((r) => setTimeout(r, 20));
    expect(folderAnchors.get().has('small')).toBe(false);
  });
});
