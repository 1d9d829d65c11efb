import { afterEach, describe, expect, it } from 'vitest';
import { DeleteItem, FindItem, UpdateItem, type ItemId } from '../../src/ews/index.js';
import { distinguishedFolder, META, recordAction } from '../../src/db/index.js';
import { ADA, Harness, plain } from './sync-harness.js';

let h: Harness;
afterEach(() => h?.close());

const lastStatus = () => {
  const s = h.events.filter((e) => e.type === 'sync-status').at(-1);
  if (!s || s.type !== 'sync-status') throw new Error('no status yet');
  return s;
};

async function inboxIds(n: number): Promise<ItemId[]> {
  const [m] = await h.ews(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'IdOnly' },
    view: { kind: 'Indexed', maxEntriesReturned: n, offset: 0, basePoint: 'Beginning' },
    parentFolderIds: [{ distinguished: 'inbox' }],
  });
  return (m?.rootFolder?.items ?? []).map((i) => i.itemId!);
}

async function converged() {
  expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
}

describe.each([
  ['busy-fault', { kind: 'busy-fault', backOffMs: 60_000 }],
  ['busy-message', { kind: 'busy-message', op: 'SyncFolderItems', backOffMs: 60_000 }],
  ['http-503', { kind: 'http-503', retryAfterSec: 60 }],
] as const)('%s', (_name, fault) => {
  it('stops every request, from this engine and from any other context, until the back-off has passed', async () => {
    h = await Harness.open(40);
    const engine = h.engine();
    await engine.runPass('startup');
    await h.deliver('During the back-off');
    await h.faults([fault]);

    const report = await engine.runPass('poll');
    const busyAt = h.sent.at(-1)!.at;
    const until = busyAt + 60_000;
    expect(report.error?.kind).toBe('throttled');
    expect(report.error?.retryAt).toBe(busyAt + 60_000);
    expect(lastStatus().connection).toEqual({ kind: 'throttled', until });
    expect(lastStatus().backOffUntil).toBe(until);
    expect((await h.db.meta.get(META.throttle))?.value).toMatchObject({ until });

    // Neither this engine, nor another tab's engine on the same database, nor a fetch of a body,
    // nor an outbox replay may send anything during the back-off.
    const mark = h.sent.length;
    const otherTab = h.engine();
    h.clock.advance(30_000);
    await engine.runPass('user');
    await otherTab.runPass('startup');
    const [first] = await inboxIds(1);
    expect(await engine.fetchBody(first!.id)).toBeUndefined();
    await recordAction(h.db, { kind: 'set-read', ids: [first!.id], isRead: true });
    await otherTab.runPass('outbox');
    expect(h.requestsSince(mark)).toEqual([]);

    h.clock.advance(30_000);
    await engine.runPass('poll');
    expect(h.sent.slice(mark).every((s) => s.at >= until)).toBe(true);
    expect(h.requestsSince(mark).length).toBeGreaterThan(0);
    expect(lastStatus().connection).toEqual({ kind: 'online' });
    await converged();
  });
});

describe('a short back-off', () => {
  it('is waited out inside the pass with no request meanwhile, and the pass completes', async () => {
    h = await Harness.open(30);
    const engine = h.engine();
    await engine.runPass('startup');
    await h.faults([{ kind: 'busy-fault', op: 'SyncFolderItems', backOffMs: 5000 }]);
    const mark = h.sent.length;
    const report = await engine.runPass('poll');
    expect(report.error).toBeUndefined();
    const sent = h.sent.slice(mark);
    const busy = sent.findIndex((s) => s.op === 'SyncFolderItems');
    expect(sent[busy + 1]!.at - sent[busy]!.at).toBeGreaterThanOrEqual(5000);
    expect(sent[busy + 1]!.op).toBe('SyncFolderItems');
    await converged();
  });

  it('without a hint backs off exponentially', async () => {
    h = await Harness.open(10);
    const engine = h.engine({ waitInlineMs: 0 });
    await engine.runPass('startup');
    // A 503 without Retry-After carries no hint: 10 s, then 20 s (jitter pinned to the middle).
    await h.faults([{ kind: 'http-503', count: 2 }]);
    await engine.runPass('poll');
    const first = (await h.db.meta.get(META.throttle))!.value as { until: number };
    expect(first.until - h.clock.now()).toBe(7500);
    h.clock.advance(7500);
    await engine.runPass('poll');
    const second = (await h.db.meta.get(META.throttle))!.value as { until: number };
    expect(second.until - h.clock.now()).toBe(15_000);
    h.clock.advance(15_000);
    expect((await engine.runPass('poll')).error).toBeUndefined();
  });
});

describe('invalid-sync-state', () => {
  it('re-lists the folder with mark and sweep: unchanged rows stay (no fetch), the folder never empties', async () => {
    h = await Harness.open(80);
    const engine = h.engine({ maxChangesReturned: 10 });
    await engine.runPass('startup');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const ids = await inboxIds(3);
    await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [ids[0]!] });
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: ids[1]!,
          updates: [{ kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject: 'Renamed' } }],
        },
      ],
    });
    const bodyId = ids[2]!.id;
    await h.db.bodies.put({ id: bodyId, type: 'text', content: 'kept', attachments: [], fetchedAt: 1, size: 4 });
    await h.faults([{ kind: 'invalid-sync-state', op: 'SyncFolderItems' }]);

    const sizes: number[] = [];
    h.observe = async () => {
      sizes.push(
        await h.db.messages.where('[folderId+receivedAt]').between([inbox.id, -Infinity], [inbox.id, Infinity]).count(),
      );
    };
    const mark = h.sent.length;
    await engine.runPass('poll');
    h.observe = undefined;

    const requests = h.requestsSince(mark);
    // The changed message is fetched again; the unchanged ones are not.
    expect(requests.filter((r) => r === 'GetItem').length).toBeLessThanOrEqual(1);
    const inboxSize = (await h.rowsIn(inbox.id)).length;
    expect(requests.filter((r) => r === 'SyncFolderItems').length).toBeGreaterThan(Math.ceil(inboxSize / 10));
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect((await h.db.messages.get(ids[1]!.id))?.subject).toBe('Renamed');
    expect(await h.db.messages.get(ids[0]!.id)).toBeUndefined();
    expect((await h.db.bodies.get(bodyId))?.content).toBe('kept');
    expect((await h.db.cursors.get(inbox.id))?.sweep).toBeUndefined();
    await converged();
  });

  it('re-lists the folder tree the same way', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    const gone = await h.createServerFolder('Soon gone');
    await engine.runPass('poll');
    expect(await h.db.folders.get(gone)).toBeDefined();
    await h.ews((await import('../../src/ews/index.js')).DeleteFolder, {
      deleteType: 'HardDelete',
      folderIds: [{ id: gone }],
    });
    await h.faults([{ kind: 'invalid-sync-state', op: 'SyncFolderHierarchy' }]);
    await engine.runPass('poll');
    expect(await h.db.folders.get(gone)).toBeUndefined();
    await converged();
  });
});

describe('sync-folder-not-found', () => {
  it('syncs the hierarchy again, keeps a folder that still exists, and finishes the pass', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    await h.deliver('After the scare');
    await h.faults([{ kind: 'sync-folder-not-found', op: 'SyncFolderItems' }]);
    const mark = h.sent.length;
    const report = await engine.runPass('poll');
    expect(report.error).toBeUndefined();
    expect(h.requestsSince(mark).filter((r) => r === 'SyncFolderHierarchy').length).toBe(2);
    expect(await distinguishedFolder(h.db, 'inbox')).toBeDefined();
    await engine.runPass('poll');
    await converged();
  });
});

describe('item-not-found', () => {
  it('drops the vanished item and keeps the rest of the batch; reconciliation later brings it back', async () => {
    h = await Harness.open(10);
    const engine = h.engine({ reconcileSeconds: 3600 });
    await engine.runPass('startup');
    for (const s of ['one', 'two', 'three', 'four']) await h.deliver(`Batch ${s}`);
    const fresh = await inboxIds(4);
    const missing = fresh[1]!.id;
    await h.faults([{ kind: 'item-not-found', ids: [missing] }]);
    const report = await engine.runPass('poll');
    expect(report.error).toBeUndefined();
    expect(await h.db.messages.get(missing)).toBeUndefined();
    for (const id of [fresh[0]!, fresh[2]!, fresh[3]!]) expect(await h.db.messages.get(id.id)).toBeDefined();

    h.clock.advance(3600_000);
    await engine.runPass('poll');
    expect(await h.db.messages.get(missing)).toBeDefined();
    await converged();
  });
});

describe('http-401', () => {
  it('stops syncing, says sign-in is needed, keeps local data, and resumes after sign-in', async () => {
    h = await Harness.open(30);
    const engine = h.engine();
    await engine.runPass('startup');
    const rows = await h.db.messages.count();
    await h.faults([{ kind: 'http-401' }]);
    const report = await engine.runPass('poll');
    expect(report.error?.kind).toBe('auth');
    expect(lastStatus().connection).toEqual({ kind: 'signin-needed' });
    expect(await h.db.messages.count()).toBe(rows);

    const mark = h.sent.length;
    await engine.runPass('poll');
    await engine.runPass('focus');
    expect(h.requestsSince(mark)).toEqual([]);

    await engine.runPass('user');
    expect(lastStatus().connection).toEqual({ kind: 'online' });
    await converged();
  });
});

describe('drop and latency', () => {
  it('a dropped answer makes the server unreachable; polls wait for the back-off, a person does not', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    await h.faults([{ kind: 'drop', op: 'SyncFolderItems' }]);
    const report = await engine.runPass('poll');
    expect(report.error?.kind).toBe('unreachable');
    expect(lastStatus().connection).toEqual({ kind: 'unreachable' });
    const mark = h.sent.length;
    await engine.runPass('poll');
    expect(h.requestsSince(mark)).toEqual([]);
    await engine.runPass('online');
    expect(lastStatus().connection).toEqual({ kind: 'online' });
    await converged();
  });

  it('a server out of reach for hours is tried again at least every 5 minutes, and seen back within them', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    // Every request of the next twelve passes goes unanswered: the first of each pass is enough.
    await h.faults([{ kind: 'drop', count: 12 }]);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const report = await engine.runPass('poll');
      expect(report.error?.kind).toBe('unreachable');
      const retryAt = report.error!.retryAt!;
      waits.push(retryAt - h.clock.now());
      // A poll before then leaves the server alone; at that time the engine tries again.
      h.clock.advance(retryAt - h.clock.now());
    }
    // Doubling from 10 s, then held under the cap: no wait longer than 5 minutes.
    expect(waits[0]).toBeLessThanOrEqual(10_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300_000);
    expect(waits.slice(-3).every((w) => w >= 150_000)).toBe(true);
    // Back in reach: the next try syncs.
    expect((await engine.runPass('poll')).error).toBeUndefined();
    expect(lastStatus().connection).toEqual({ kind: 'online' });
    await converged();
  });

  it('a slow server never sees more than 4 requests or 2 sync calls at once from the engine', async () => {
    h = await Harness.open(120);
    await h.faults([{ kind: 'latency', ms: 20, op: 'GetItem', count: 40 }]);
    let inFlight = 0;
    let peak = 0;
    const inner = h.engineTransport;
    const engine = (await import('../../src/sync/index.js')).createEngine({
      db: h.db,
      clock: h.clock,
      settings: { prefetchBodies: false, getItemBatch: 5 },
      transport: async (soap) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await inner(soap);
        } finally {
          inFlight--;
        }
      },
    });
    await engine.runPass('startup');
    expect(peak).toBe(4);
    await converged();
  });
});

// The answer lost before its first byte, or cut off partway: either way the change was made.
describe.each(['apply-then-drop', 'apply-then-cut'] as const)('%s', (kind) => {
  it('an update applied but unanswered is sent again and lands once', async () => {
    h = await Harness.open(10);
    const engine = h.engine();
    await engine.runPass('startup');
    const [first] = await inboxIds(1);
    await recordAction(h.db, { kind: 'set-flag', ids: [first!.id], flag: 1 });
    await h.faults([{ kind, op: 'UpdateItem' }]);
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(1);
    await engine.runPass('online');
    expect(await h.db.outbox.count()).toBe(0);
    await converged();
    expect((await h.db.messages.get(first!.id))?.flag).toBe(1);
  });

  it('a move made but unanswered is not taken for a vanished message: the flag after it lands too', async () => {
    h = await Harness.open(10);
    const engine = h.engine();
    await engine.runPass('startup');
    const [first] = await inboxIds(1);
    const archive = (await h.db.folders.filter((f) => f.name === 'Archive').first())!;
    await recordAction(h.db, { kind: 'move', ids: [first!.id], toFolderId: archive.id });
    await recordAction(h.db, { kind: 'set-flag', ids: [first!.id], flag: 1 });
    await h.faults([{ kind, op: 'MoveItem' }]);
    await engine.runPass('outbox');
    await engine.runPass('online');
    expect(await h.db.outbox.count()).toBe(0);
    await converged();
    const inArchive = await h.rowsIn(archive.id);
    expect(inArchive).toHaveLength(1);
    expect(inArchive[0]!.flag).toBe(1);
  });

  it.each(['CreateItem', 'SendItem'])('a send cut off after %s reaches Ada exactly once', async (op) => {
    h = await Harness.open(0);
    const engine = h.engine();
    await engine.runPass('startup');
    const subject = `Once only via ${op}`;
    await recordAction(h.db, {
      kind: 'send',
      draft: { to: [{ name: 'Ada', email: ADA }], cc: [], bcc: [], subject, text: 'Exactly once.' },
    });
    await h.faults([{ kind, op }]);
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(1);
    await engine.runPass('online');
    expect(await h.db.outbox.count()).toBe(0);
    const [adaInbox] = await h.ews(
      FindItem,
      {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
        parentFolderIds: [{ distinguished: 'inbox' }],
      },
      ADA,
    );
    expect(adaInbox?.rootFolder?.items.filter((i) => i.subject === subject)).toHaveLength(1);
    await engine.runPass('poll');
    const sent = await distinguishedFolder(h.db, 'sentitems');
    const drafts = await distinguishedFolder(h.db, 'drafts');
    expect((await h.rowsIn(sent!.id)).filter((m) => m.subject === subject)).toHaveLength(1);
    expect(drafts!.total).toBe(0);
    await converged();
  });
});
