import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { OLDEST, pruneTombstones, tombstoneHorizon } from './tombstones.js';

const dbs: Db[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function memoryDb(): Db {
  const db = openDb(':memory:');
  dbs.push(db);
  return db;
}

/** Tombstones as [num, folder, at]. */
function bury(db: Db, rows: [number, number, number][]): void {
  const insert = db.prep(
    'INSERT INTO tombstones (num, folder_id, item_id, gen, created_num, item_class, at) VALUES (?, ?, ?, 0, 1, ?, ?)',
  );
  db.write(() => {
    for (const [num, folder, at] of rows) insert.run(num, folder, num, 'IPM.Note', at);
  });
}

const left = (db: Db) =>
  (db.prep('SELECT num FROM tombstones ORDER BY num').all() as { num: number }[]).map((r) => r.num);

describe('pruneTombstones', () => {
  it('deletes the tombstones made before the cut-off, oldest first, at most `limit` of them', () => {
    const db = memoryDb();
    bury(db, [
      [10, 1, 100],
      [11, 2, 200],
      [12, 1, 300],
      [13, 2, 400],
      [14, 1, 500],
    ]);
    expect(db.write(() => pruneTombstones(db, 450, 2))).toBe(2);
    expect(left(db)).toEqual([12, 13, 14]);
    expect(db.write(() => pruneTombstones(db, 450, 2))).toBe(2);
    expect(left(db)).toEqual([14]);
    // Nothing more is old enough: a short count tells the caller the backlog is done.
    expect(db.write(() => pruneTombstones(db, 450, 2))).toBe(0);
    expect(left(db)).toEqual([14]);
  });

  it("raises each folder's horizon to the highest number it lost, and only those folders'", () => {
    const db = memoryDb();
    bury(db, [
      [10, 1, 100],
      [11, 2, 200],
      [12, 1, 300],
      [20, 1, 900],
    ]);
    db.write(() => pruneTombstones(db, 250, 100));
    expect([tombstoneHorizon(db, 1), tombstoneHorizon(db, 2), tombstoneHorizon(db, 3)]).toEqual([10, 11, 0]);
    db.write(() => pruneTombstones(db, 500, 100));
    expect([tombstoneHorizon(db, 1), tombstoneHorizon(db, 2)]).toEqual([12, 11]);
  });

  it('never lowers a horizon, even when a clock set back made an older number look newer', () => {
    const db = memoryDb();
    bury(db, [
      [30, 1, 100],
      [31, 1, 5000],
      [32, 1, 200],
    ]);
    db.write(() => pruneTombstones(db, 1000, 100));
    expect(tombstoneHorizon(db, 1)).toBe(32);
    expect(left(db)).toEqual([31]);
    db.write(() => pruneTombstones(db, 9000, 100));
    expect(tombstoneHorizon(db, 1)).toBe(32);
    expect(left(db)).toEqual([]);
  });

  it('finds what to prune by index, not by reading the whole table', () => {
    const db = memoryDb();
    const plan = db.prep(`EXPLAIN QUERY PLAN ${OLDEST}`).all(1, 1) as { detail: string }[];
    const steps = plan.map((p) => p.detail).join('\n');
    expect(steps).toMatch(/SEARCH tombstones USING (COVERING )?INDEX tombstones_at \(at<\?\)/);
    // Read in index order: no sort of every old tombstone before the first `limit` are taken.
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });
});

describe('the tombstone migration', () => {
  it('opens a mailbox file made before tombstones had a time, and counts its tombstones as made now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tern-tombstones-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'mailbox.sqlite'));
    old.exec(MIGRATIONS[0]!);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)');
    old.exec(`INSERT INTO tombstones (num, folder_id, item_id, gen, created_num, item_class)
              VALUES (5, 1, 7, 0, 2, 'IPM.Note'), (6, 1, 8, 0, 3, 'IPM.Note')`);
    old.close();

    const before = Date.now();
    const db = openDb(dir);
    dbs.push(db);
    const after = Date.now();
    const rows = db.prep('SELECT num, at FROM tombstones ORDER BY num').all() as { num: number; at: number }[];
    expect(rows.map((r) => r.num)).toEqual([5, 6]);
    for (const r of rows) {
      // unixepoch() has whole seconds.
      expect(r.at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(r.at).toBeLessThanOrEqual(after);
    }
    // A retention window from now keeps them; one that ends after now forgets them.
    expect(db.write(() => pruneTombstones(db, before - 1000, 100))).toBe(0);
    expect(db.write(() => pruneTombstones(db, after + 1, 100))).toBe(2);
    expect(tombstoneHorizon(db, 1)).toBe(6);
  });
});
