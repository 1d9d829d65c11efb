/**
 * `npm run bench tombstones`: how long pruning holds the
 * mailbox's write lock. A mailbox file with a backlog of old tombstones (default 200,000, over 20
 * folders, plus 10,000 recent ones that stay) is pruned with several batch sizes; each row gives
 * the longest and the median transaction and the whole run. Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/server/mailbox/store/database.js';
import { TombstonePruner } from '../../src/server/mailbox/tombstone-pruner.js';

const DAY = 24 * 60 * 60_000;
const NOW = Date.UTC(2026, 5, 1);
const OLD = 200_000;
const RECENT = 10_000;

function backlog(dir: string): Db {
  const db = openDb(dir);
  const insert = db.prep(
    'INSERT INTO tombstones (num, folder_id, item_id, gen, created_num, item_class, at) VALUES (?, ?, ?, 0, 1, ?, ?)',
  );
  db.write(() => {
    for (let n = 1; n <= OLD + RECENT; n++)
      insert.run(n, 1 + (n % 20), n, 'IPM.Note', n <= OLD ? NOW - 400 * DAY + n : NOW - DAY + n);
  });
  return db;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchTombstones(): Promise<void> {
  console.log(`| batch | transactions | longest (ms) | median (ms) | whole run (ms) | rows/s |`);
  console.log(`| ----: | -----------: | -----------: | ----------: | -------------: | -----: |`);
  for (const batch of [1000, 5000, 20_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'tern-prune-bench-'));
    try {
      const db = backlog(dir);
      const held: number[] = [];
      const timed: Db = {
        ...db,
        write: (fn) => {
          const t = performance.now();
          try {
            return db.write(fn);
          } finally {
            held.push(performance.now() - t);
          }
        },
      };
      const pruner = new TombstonePruner(timed, { days: 30, everyMs: 3_600_000, batch }, () => NOW, console.error);
      const t = performance.now();
      const pruned = await pruner.run();
      const whole = performance.now() - t;
      const left = (db.prep('SELECT count(*) AS n FROM tombstones').get() as { n: number }).n;
      if (pruned !== OLD || left !== RECENT) throw new Error(`pruned ${pruned}, left ${left}`);
      console.log(
        `| ${batch} | ${held.length} | ${Math.max(...held).toFixed(1)} | ${median(held).toFixed(1)} | ${whole.toFixed(0)} | ${Math.round(pruned / (whole / 1000))} |`,
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
