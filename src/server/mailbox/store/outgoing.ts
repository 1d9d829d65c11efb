import type { Db } from './database.js';

export interface OutgoingRow {
  id: number;
  sender: string;
  recipients: string;
  subject: string;
  mime: Buffer;
  at: number;
}

export function insertOutgoing(
  db: Db,
  o: { userId: number | null; sender: string; recipients: string[]; subject: string; mime: Buffer; at: number },
): void {
  db.prep('INSERT INTO outgoing (user_id, sender, recipients, subject, mime, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    o.userId,
    o.sender,
    JSON.stringify(o.recipients),
    o.subject,
    o.mime,
    o.at,
  );
}

export function listOutgoing(db: Db): OutgoingRow[] {
  return db.prep('SELECT id, sender, recipients, subject, mime, at FROM outgoing ORDER BY id').all() as OutgoingRow[];
}
