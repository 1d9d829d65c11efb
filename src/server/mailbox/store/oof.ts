import type { OofSettings } from '../../../ews/index.js';
import type { Db } from './database.js';

/** What a mailbox that never set automatic replies answers, as Exchange does. */
export const NO_OOF: OofSettings = {
  oofState: 'Disabled',
  externalAudience: 'All',
  internalReply: '',
  externalReply: '',
};

export function oofSettings(db: Db, userId: number): OofSettings {
  const row = db.prep('SELECT settings FROM oof_settings WHERE user_id = ?').get(userId) as
    { settings: string } | undefined;
  return row ? (JSON.parse(row.settings) as OofSettings) : NO_OOF;
}

/** Stores new settings; every sender may be answered again, as after Exchange's own change. */
export function setOofSettings(db: Db, userId: number, s: OofSettings): void {
  db.prep('INSERT OR REPLACE INTO oof_settings (user_id, settings) VALUES (?, ?)').run(userId, JSON.stringify(s));
  db.prep('DELETE FROM oof_replied WHERE user_id = ?').run(userId);
}

/** Records that `sender` has had this user's reply; false when it had one already. */
export function markReplied(db: Db, userId: number, sender: string): boolean {
  return (
    db.prep('INSERT OR IGNORE INTO oof_replied (user_id, sender) VALUES (?, ?)').run(userId, sender.toLowerCase())
      .changes === 1
  );
}

export function hasReplied(db: Db, userId: number, sender: string): boolean {
  return !!db.prep('SELECT 1 FROM oof_replied WHERE user_id = ? AND sender = ?').get(userId, sender.toLowerCase());
}
