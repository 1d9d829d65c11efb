/**
 * Bodies kept on the device: the offline window stays, what was opened long ago goes (and comes
 * back on open), and a full disk first costs bodies nothing needs. The engine against the real
 * server in process; the full disk is the browser's own QuotaExceededError, thrown by a Dexie hook.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  distinguishedFolder,
  evictBodies,
  isLocalId,
  recordAction,
  sweepBodies,
  type Draft,
  type MessageRow,
} from '../../src/db/index.js';
import { DeleteItem, encodeRequest } from '../../src/ews/index.js';
import { DEMO, Harness } from './sync-harness.js';

const DAY = 86_400_000;
const WINDOW = 10;

let h: Harness;
afterEach(() => h?.close());

/** The demo user's Inbox, newest first, after a first sync that prefetched the window. */
async function started() {
  h = await Harness.open(60);
  const engine = h.engine({ prefetchBodies: true, bodiesPerFolder: WINDOW });
  expect((await engine.runPass('startup')).error).toBeUndefined();
  const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
  const rows = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
  expect(rows.length).toBeGreaterThan(WINDOW + 3);
  return { engine, inbox, rows, window: rows.slice(0, WINDOW), old: rows.slice(WINDOW) };
}

const stored = async (rows: MessageRow[]) => (await h.db.bodies.bulkGet(rows.map((r) => r.id))).map(Boolean);

/** The next `times` writes of new message rows fail as on a full disk in Chrome; returns the undo. */
function fillDisk(times: number): () => void {
  const full = () => {
    if (times-- > 0) throw new DOMException('The disk is full.', 'QuotaExceededError');
  };
  h.db.messages.hook('creating', full);
  return () => h.db.messages.hook('creating').unsubscribe(full);
}

const note: Draft = { to: [], cc: [], bcc: [], subject: 'Kept', text: 'Only here until it is sent.' };

describe('bodies kept on this device', () => {
  it('keeps the offline window; drops what was opened over 30 days ago, once a day; it comes back on open', async () => {
    const { engine, window, old } = await started();
    const [opened, recent] = old as [MessageRow, MessageRow];
    expect(await engine.fetchBody(opened.id)).toBeDefined();
    h.clock.advance(31 * DAY);
    expect(await engine.fetchBody(recent.id)).toBeDefined();

    // A pass leaves them: the page sweeps (src/ui/body-sweep.ts), the worker only on a full disk.
    const mark = h.sent.length;
    expect((await engine.runPass('poll')).error).toBeUndefined();
    expect(await stored([opened, recent])).toEqual([true, true]);
    expect(await sweepBodies(h.db, h.clock.now(), WINDOW)).toBe(1);
    expect(await stored(window)).toEqual(window.map(() => true));
    expect(await stored([opened, recent])).toEqual([false, true]);
    // Nothing in the window went, so nothing was fetched again.
    expect(h.requestsSince(mark)).not.toContain('GetItem');

    // Once a day: a body that ages out an hour after a sweep stays until the next day's.
    h.clock.advance(30 * DAY - 3_600_000);
    expect(await sweepBodies(h.db, h.clock.now(), WINDOW)).toBe(0);
    expect(await stored([recent])).toEqual([true]);
    h.clock.advance(DAY);
    expect(await sweepBodies(h.db, h.clock.now(), WINDOW)).toBe(1);
    expect(await stored([recent])).toEqual([false]);

    expect((await engine.fetchBody(opened.id))?.id).toBe(opened.id);
    expect(await stored([opened])).toEqual([true]);
  });

  it('takes away at once a message whose text the server no longer has, with its folder counts', async () => {
    const { engine, inbox, old } = await started();
    const victim = old[0]!;
    // Deleted from another device; this one has not synced since.
    await h.mailbox.handle(DEMO, encodeRequest(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id: victim.id }] }));
    const before = (await h.db.folders.get(inbox.id))!;
    expect(await engine.fetchBody(victim.id)).toBeUndefined();
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'body-ready', messageId: victim.id, ok: false }));
    // No pass of ours: the fetch itself starts the one that takes the row away.
    await vi.waitFor(async () => expect(await h.db.messages.get(victim.id)).toBeUndefined(), { timeout: 5000 });
    expect((await h.db.folders.get(inbox.id))!.total).toBe(before.total - 1);
  });

  it('never drops a draft the server has not seen, nor a message a waiting intent names', async () => {
    const { engine, old } = await started();
    const named = old[0]!;
    await engine.fetchBody(named.id);
    await recordAction(h.db, { kind: 'save-draft', draft: note });
    await recordAction(h.db, { kind: 'set-flag', ids: [named.id], flag: 1 });
    const local = (await h.db.bodies.toCollection().primaryKeys()).filter(isLocalId);
    expect(local).toHaveLength(1);

    expect(await evictBodies(h.db, WINDOW, Infinity)).toBe(0);
    expect(await stored([named])).toEqual([true]);
    expect(await h.db.bodies.get(local[0]!)).toBeDefined();
  });

  it('on a full disk, drops bodies nothing needs and writes the new mail', async () => {
    const { engine, window, old } = await started();
    const opened = old[0]!;
    await engine.fetchBody(opened.id);
    await h.deliver('After the disk filled up');
    fillDisk(1);

    const report = await engine.runPass('poll');
    expect(report.error).toBeUndefined();
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    expect((await h.rowsIn(inbox.id)).map((r) => r.subject)).toContain('After the disk filled up');
    // The body opened on demand went to make room, however recent; the window stayed.
    expect(await stored([opened])).toEqual([false]);
    expect(await stored(window.slice(1))).toEqual(window.slice(1).map(() => true));
  });

  it('when nothing can go, says the device is full and loses nothing; the next pass catches up', async () => {
    const { engine } = await started();
    await h.deliver('Waiting for room');
    const freeSpace = fillDisk(Infinity);
    const report = await engine.runPass('poll');
    expect(report.error).toMatchObject({ kind: 'storage', code: 'quota' });
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    expect((await h.rowsIn(inbox.id)).map((r) => r.subject)).not.toContain('Waiting for room');

    freeSpace();
    expect((await engine.runPass('poll')).error).toBeUndefined();
    expect((await h.rowsIn(inbox.id)).map((r) => r.subject)).toContain('Waiting for room');
  });
});
