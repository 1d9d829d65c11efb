import type { Db } from '../store/database.js';
import { insertAttachment } from '../store/attachments.js';
import { setProp } from '../store/item-props.js';
import { insertItem, type Placement } from '../store/items.js';
import type { NewMessage } from './new-message.js';

/** Writes a new item with its attachments and properties (call inside `db.write`). */
export function saveMessage(
  db: Db,
  userId: number,
  folderId: number,
  m: NewMessage,
  now: number,
  at?: Placement,
): { id: number; num: number } {
  const saved = insertItem(db, userId, folderId, m.values, now, at);
  for (const a of m.attachments) insertAttachment(db, saved.id, a);
  for (const p of m.props) setProp(db, saved.id, p.key, JSON.stringify(p.field), p.value);
  return saved;
}
