import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteItem, FindItem, UpdateItem } from '../../src/ews/index.js';
import type { MailDB } from '../../src/db/index.js';
import { Harness, plain } from './sync-harness.js';

// Small pages and batches so that a few hundred messages make many requests and transactions.
const SETTINGS = { maxChangesReturned: 25, getItemBatch: 7, prefetchBodies: true, bodiesPerFolder: 15 };

let h: Harness;
let cleanRequests: number;

beforeAll(async () => {
  // A large request budget: throttling has its own tests, here it would only slow things down.
  h = await Harness.open(150, 1_000_000);
  const mark = h.sent.length;
  await h.engine(SETTINGS).runPass('startup');
  cleanRequests = h.sent.length - mark;
}, 120_000);
afterAll(() => h.close());

async function expectConverged() {
  expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  // Every row is in exactly one folder and the stored counts are the rows' own.
  for (const f of await h.db.folders.toArray()) {
    const rows = await h.rowsIn(f.id);
    expect(f.total).toBe(rows.length);
    expect(f.unread).toBe(rows.filter((r) => !r.isRead).length);
  }
}

/** A server change between the killed pass and the resumed one, so resuming has news to find. */
async function touchServer(i: number) {
  await h.deliver(`Arrived while down ${i}`);
  const [m] = await h.ews(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'IdOnly' },
    view: { kind: 'Indexed', maxEntriesReturned: 2, offset: 3, basePoint: 'Beginning' },
    parentFolderIds: [{ distinguished: 'inbox' }],
  });
  const [a, b] = (m?.rootFolder?.items ?? []).map((x) => x.itemId!);
  if (a) await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [a] });
  if (b)
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: b,
          updates: [{ kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead: true } }],
        },
      ],
    });
}

describe('a pass killed at random points', () => {
  it('resumes from the last saved state with no duplicate and no gap, whichever request it died at', async () => {
    expect(cleanRequests).toBeGreaterThan(40);
    // Every point of the first stretch, then spread over the rest of the initial sync.
    const points = [
      ...Array.from({ length: 8 }, (_, i) => i),
      ...Array.from({ length: 8 }, (_, i) => 8 + Math.floor(((cleanRequests - 8) * (i + 1)) / 9)),
    ];
    for (const [i, n] of points.entries()) {
      h.newDevice();
      let left = n;
      h.cut = () => left-- <= 0;
      const killed = await h.engine(SETTINGS).runPass('startup');
      expect(killed.error?.kind, `killed after ${n} requests`).toBe('unreachable');
      h.cut = undefined;
      if (i % 3 === 0) await touchServer(i);
      // The worker is gone; a new one starts on the same database.
      const restarted = await h.engine(SETTINGS, h.db).runPass('startup');
      expect(restarted.error, `resumed after ${n}`).toBeUndefined();
      await expectConverged();
    }
  }, 240_000);

  it('survives being dropped in the middle of a transaction', async () => {
    let killedAt = 0;
    for (const k of [1, 2, 3, 4, 6, 9, 13, 18, 25, 35, 50]) {
      h.newDevice();
      const doomed = withKiller(h.openDB(), k);
      const killed = await h.engine(SETTINGS, doomed).runPass('startup');
      doomed.close();
      if (!killed.error) break; // the pass needed fewer writes than k
      killedAt++;
      if (k % 2) await touchServer(k);
      const restarted = await h.engine(SETTINGS, h.db).runPass('startup');
      expect(restarted.error, `resumed after write ${k}`).toBeUndefined();
      await expectConverged();
    }
    expect(killedAt).toBeGreaterThanOrEqual(6);
  }, 240_000);
});

/**
 * A connection whose k-th write to the messages table throws inside its transaction: the
 * transaction aborts as it would if the worker died mid-commit.
 */
function withKiller(db: MailDB, k: number): MailDB {
  let left = k;
  db.use({
    stack: 'dbcore',
    name: 'killer',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'messages') return table;
        return {
          ...table,
          mutate: (req) => {
            if (--left === 0) throw new Error(`killed at write ${k}`);
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return db;
}
