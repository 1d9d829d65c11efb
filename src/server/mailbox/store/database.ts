import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { registerFunctions } from './functions.js';

/**
 * The mailbox database: one SQLite connection (better-sqlite3 is synchronous, so every statement
 * runs to completion before another request is served), prepared statements cached by their
 * text, and the mailbox-wide modification counter.
 */
export interface Db {
  readonly sql: Database.Database;
  /** A prepared statement, compiled once per text. */
  prep(text: string): Database.Statement;
  /**
   * Runs `fn` in one transaction. Modification numbers handed out by `next()` inside it are
   * saved with it; a rolled-back transaction only leaves a gap in the numbering.
   */
  write<T>(fn: () => T): T;
  /**
   * Runs `fn` once the outermost `write` under way has committed, never if it rolls back: for
   * work that must not outlive a change that did not happen (an automatic reply to a delivery).
   */
  afterCommit(fn: () => void): void;
  /** The next modification number (inside `write`). */
  next(): number;
  /** The highest modification number handed out so far: the change-log high-water mark. */
  modseq(): number;
  /** A per-mailbox secret (HMAC key for sync states, password cache key). */
  readonly secret: Buffer;
  /** Four random bytes that make this mailbox's ids differ from every other's. */
  readonly instance: Buffer;
  close(): void;
}

const MAX_STATEMENTS = 2000;

/** Opens (creating and migrating) `<dataDir>/mailbox.sqlite`, or an in-memory database for ':memory:'. */
export function openDb(dataDir: string): Db {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, 'mailbox.sqlite');
  const sql = new Database(path);
  // WAL lets readers (a backup, a second tool) work beside the server; NORMAL is durable across
  // application crashes, which is what a mailbox on one machine needs.
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = NORMAL');
  sql.pragma('foreign_keys = OFF');
  sql.pragma('cache_size = -65536'); // 64 MiB
  sql.pragma('temp_store = MEMORY');
  migrate(sql);
  registerFunctions(sql);

  const statements = new Map<string, Database.Statement>();
  const prep = (text: string) => {
    let s = statements.get(text);
    if (s) return s;
    // Restrictions compile to statements of many shapes; keep the cache bounded, oldest out first.
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(text, (s = sql.prepare(text)));
    return s;
  };
  const meta = (key: string, make: () => Buffer | number): Buffer | number => {
    const row = prep('SELECT value FROM meta WHERE key = ?').get(key) as { value: Buffer | number } | undefined;
    if (row) return row.value;
    const value = make();
    prep('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
    return value;
  };
  const secret = meta('secret', () => randomBytes(32)) as Buffer;
  const instance = meta('instance', () => randomBytes(4)) as Buffer;
  let counter = Number(meta('modseq', () => 0));
  let saved = counter;
  const save = prep('UPDATE meta SET value = ? WHERE key = ?');

  let depth = 0;
  let committed: (() => void)[] = [];
  const write = <T>(fn: () => T): T => {
    depth++;
    let ok = false;
    try {
      const out = sql.transaction(() => {
        const out = fn();
        if (depth === 1 && counter !== saved) {
          save.run(counter, 'modseq');
          saved = counter;
        }
        return out;
      })();
      ok = true;
      return out;
    } finally {
      depth--;
      if (depth === 0) {
        const run = ok ? committed : [];
        committed = [];
        for (const f of run) f();
      }
    }
  };
  return {
    sql,
    prep,
    write,
    afterCommit: (fn) => (depth > 0 ? void committed.push(fn) : fn()),
    next: () => ++counter,
    modseq: () => counter,
    secret,
    instance,
    close: () => sql.close(),
  };
}

function migrate(sql: Database.Database): void {
  sql.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = sql.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) sql.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  if (version > MIGRATIONS.length)
    throw new Error(`mailbox database is version ${version}; this build knows up to ${MIGRATIONS.length}`);
  for (; version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version]!;
    sql.transaction(() => {
      sql.exec(step);
      sql.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    })();
  }
}
