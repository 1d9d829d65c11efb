import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './store/database.js';
import { tombstoneHorizon } from './store/tombstones.js';
import { DEFAULT_TOMBSTONES, TombstonePruner, tombstoneOptions } from './tombstone-pruner.js';

const DAY = 24 * 60 * 60_000;
const NOW = Date.UTC(2026, 5, 1);

const dbs: Db[] = [];
const pruners: TombstonePruner[] = [];
const errors: unknown[] = [];
afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
  for (const p of pruners.splice(0)) p.stop();
  for (const db of dbs.splice(0)) db.close();
});

/** A store with `old` tombstones 31 days old and `fresh` ones a day old, in folders 1 and 2. */
function storeWith(old: number, fresh: number): Db {
  const db = openDb(':memory:');
  dbs.push(db);
  const insert = db.prep(
    'INSERT INTO tombstones (num, folder_id, item_id, gen, created_num, item_class, at) VALUES (?, ?, ?, 0, 1, ?, ?)',
  );
  db.write(() => {
    for (let n = 1; n <= old + fresh; n++) insert.run(n, 1 + (n % 2), n, 'IPM.Note', NOW - (n <= old ? 31 : 1) * DAY);
  });
  return db;
}

const count = (db: Db) => (db.prep('SELECT count(*) AS n FROM tombstones').get() as { n: number }).n;

/** The same store, but each transaction reports how many tombstones it removed. */
function counting(db: Db, perTransaction: number[]): Db {
  return {
    ...db,
    write: (fn) => {
      const before = count(db);
      const out = db.write(fn);
      perTransaction.push(before - count(db));
      return out;
    },
  };
}

function pruner(db: Db, batch = DEFAULT_TOMBSTONES.batch): TombstonePruner {
  const p = new TombstonePruner(
    db,
    { ...DEFAULT_TOMBSTONES, batch },
    () => NOW,
    (_m, e) => errors.push(e),
  );
  pruners.push(p);
  return p;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TombstonePruner', () => {
  it('removes a backlog in bounded transactions, and leaves the event loop free between them', async () => {
    const db = storeWith(12_345, 40);
    const sizes: number[] = [];
    const run = pruner(counting(db, sizes), 5000).run();
    // The first batch ran at once; the rest waits for the event loop, where requests get their turn.
    expect(sizes).toEqual([5000]);
    expect(count(db)).toBe(12_345 + 40 - 5000);
    expect(await run).toBe(12_345);
    expect(sizes).toEqual([5000, 5000, 2345]);
    expect(count(db)).toBe(40);
    // Folders 1 and 2 took turns: each one's horizon is its own last pruned number.
    expect([tombstoneHorizon(db, 1), tombstoneHorizon(db, 2)]).toEqual([12_344, 12_345]);
  });

  it('joins a run under way instead of starting a second one', async () => {
    const db = storeWith(30, 0);
    const sizes: number[] = [];
    const p = pruner(counting(db, sizes), 10);
    const [a, b] = await Promise.all([p.run(), p.run()]);
    expect([a, b]).toEqual([30, 30]);
    expect(sizes).toEqual([10, 10, 10, 0]);
    expect(await p.run()).toBe(0);
  });

  it('runs as it starts, and a stopped pruner stops before its next batch', async () => {
    const started = storeWith(7, 3);
    pruner(started).start();
    await tick();
    expect(count(started)).toBe(3);

    const stopped = storeWith(30, 0);
    const p = pruner(stopped, 10);
    const run = p.run();
    p.stop();
    expect(await run).toBe(10);
    expect(count(stopped)).toBe(20);
    expect(await p.run()).toBe(0);
  });

  it('does not run at all when stopped before its first turn', async () => {
    const db = storeWith(5, 0);
    const p = pruner(db);
    p.start();
    p.stop();
    await tick();
    expect(count(db)).toBe(5);
  });

  it('keeps the number of days it is given', async () => {
    const db = storeWith(4, 6);
    const p = new TombstonePruner(
      db,
      { ...DEFAULT_TOMBSTONES, days: 0.5 },
      () => NOW,
      () => {},
    );
    pruners.push(p);
    expect(await p.run()).toBe(10);
  });
});

describe('tombstoneOptions', () => {
  it('fills in 30 days, hourly runs and 5,000 a transaction', () => {
    expect(tombstoneOptions()).toEqual({ days: 30, everyMs: 3_600_000, batch: 5000 });
    expect(tombstoneOptions({ days: 7 })).toEqual({ days: 7, everyMs: 3_600_000, batch: 5000 });
  });

  it.each([{ days: -1 }, { days: Number.NaN }, { batch: 0 }, { batch: 2.5 }, { everyMs: 0 }])(
    'refuses %j, naming the setting',
    (bad) => {
      expect(() => tombstoneOptions(bad)).toThrow(new RegExp(`tombstones\\.${Object.keys(bad)[0]}`));
    },
  );
});
