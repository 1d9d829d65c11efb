import type { Db } from './database.js';

export function getMeta(db: Db, key: string): Buffer | number | string | undefined {
  const row = db.prep('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: Buffer | number | string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: Buffer | number | string): void {
  db.prep('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
