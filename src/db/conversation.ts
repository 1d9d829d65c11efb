import type { Address, MessageRow } from './entities.js';
import type { MailDB } from './schema.js';

/** A conversation longer than this shows its newest messages: a list's thread of years stays quick. */
export const CONVERSATION_LIMIT = 200;

/** One step of a conversation: a stored message, or a reply written here that waits in the outbox. */
export type ConversationPart =
  | { kind: 'message'; at: number; message: MessageRow }
  | { kind: 'waiting'; at: number; opId: string; to: Address[]; text: string };

// Rows read at most for one conversation; its newest CONVERSATION_LIMIT are kept.
const READ_LIMIT = 2000;

/**
 * The conversation `message` belongs to, as this device knows it, oldest first: its messages
 * wherever they are filed (the replies in Sent Items, a draft), and the replies to them still
 * waiting to be sent. What lies in Deleted Items or Junk is left out unless `message` lies there
 * too, as Gmail leaves the bin out of a thread. Empty when the server gave it no conversation.
 */
export async function conversationOf(db: MailDB, message: MessageRow): Promise<ConversationPart[]> {
  if (!message.conversationId) return [];
  const [rows, binned, outbox] = await Promise.all([
    db.messages.where('conversationId').equals(message.conversationId).limit(READ_LIMIT).toArray(),
    db.folders.where('distinguished').anyOf('deleteditems', 'junkemail').primaryKeys(),
    db.outbox.toArray(),
  ]);
  const hidden = new Set(binned.filter((id) => id !== message.folderId));
  const messages = rows.filter((m) => m.id === message.id || !hidden.has(m.folderId));
  const ids = new Set(messages.map((m) => m.id));
  const parts: ConversationPart[] = messages.map((m) => ({ kind: 'message', at: m.receivedAt, message: m }));
  for (const e of outbox) {
    // A send from a saved draft shows as that draft; a forward starts a conversation of its own.
    if (e.op.kind !== 'send' || e.op.draftId || e.state === 'parked') continue;
    const source = e.op.draft.source;
    if (!source || source.mode === 'forward' || !ids.has(source.id)) continue;
    parts.push({ kind: 'waiting', at: e.createdAt, opId: e.opId, to: e.op.draft.to, text: e.op.draft.text });
  }
  parts.sort((a, b) => a.at - b.at || keyOf(a).localeCompare(keyOf(b)));
  return parts.slice(-CONVERSATION_LIMIT);
}

export const keyOf = (p: ConversationPart): string => (p.kind === 'message' ? p.message.id : p.opId);
