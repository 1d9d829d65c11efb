import type { Db } from './database.js';
import type { UserRow } from './rows.js';

export interface UserSecret extends UserRow {
  salt: Buffer;
  hash: Buffer;
}

export function insertUser(db: Db, u: Omit<UserSecret, 'id'>): number {
  const r = db.prep('INSERT INTO users (address, name, salt, hash) VALUES (@address, @name, @salt, @hash)').run(u);
  return Number(r.lastInsertRowid);
}

/** The user with this address, any case. */
export function userByAddress(db: Db, address: string): UserSecret | undefined {
  return db.prep('SELECT * FROM users WHERE address = ?').get(address.trim()) as UserSecret | undefined;
}

export function countUsers(db: Db): number {
  return (db.prep('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function setPassword(db: Db, id: number, salt: Buffer, hash: Buffer): void {
  db.prep('UPDATE users SET salt = ?, hash = ? WHERE id = ?').run(salt, hash, id);
}

export function allUsers(db: Db): UserRow[] {
  return db.prep('SELECT id, address, name FROM users ORDER BY id').all() as UserRow[];
}
