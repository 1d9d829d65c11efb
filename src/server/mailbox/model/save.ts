import type { Db } from '../store/database.js';
import { insertAttachment } from '../store/attachments.js';
import { answeredConversation } from '../store/conversations.js';
import { setProp } from '../store/item-props.js';
import { insertItem, type Placement } from '../store/items.js';
import type { NewMessage } from './new-message.js';

/**
 * Writes a new item with its attachments and properties (call inside `db.write`). A message that
 * answers one this user holds joins that one's conversation, as Exchange threads a reply.
 */
export function saveMessage(
  db: Db,
  userId: number,
  folderId: number,
  m: NewMessage,
  now: number,
  at?: Placement,
): { id: number; num: number } {
  const v = m.values;
  const thread = answeredConversation(db, userId, v.in_reply_to, v.references_);
  const values = thread && thread !== v.conversation_id ? { ...v, conversation_id: thread } : v;
  const saved = insertItem(db, userId, folderId, values, now, at);
  for (const a of m.attachments) insertAttachment(db, saved.id, a);
  for (const p of m.props) setProp(db, saved.id, p.key, JSON.stringify(p.field), p.value);
  return saved;
}
