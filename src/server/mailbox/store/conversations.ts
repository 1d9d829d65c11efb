import type { Db } from './database.js';

// The nearest ancestors are enough: a long References header names the whole thread, and each
// message of it that this mailbox holds carries the same conversation.
const MAX_ANCESTORS = 10;

/**
 * The conversation of the nearest message a new one answers that this user's mailbox holds: the
 * one In-Reply-To names, else the last of References back to the first. A client that names only
 * the message it answers (Tern, many phones) would otherwise start a conversation of its own at
 * every reply, since the hash of a thread's root needs the root.
 */
export function answeredConversation(
  db: Db,
  userId: number,
  inReplyTo: string | null,
  references: string | null,
): string | undefined {
  const ids = [...(inReplyTo?.match(/<[^>]+>/g) ?? []), ...(references?.match(/<[^>]+>/g) ?? []).reverse()];
  const find = db.prep(
    `SELECT conversation_id FROM items
      WHERE user_id = ? AND internet_message_id = ? AND conversation_id IS NOT NULL LIMIT 1`,
  );
  for (const id of [...new Set(ids)].slice(0, MAX_ANCESTORS)) {
    const row = find.get(userId, id) as { conversation_id: string } | undefined;
    if (row) return row.conversation_id;
  }
  return undefined;
}
