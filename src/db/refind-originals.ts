import type { OutboxEntry } from './entities.js';
import type { MailDB } from './schema.js';

/**
 * A forward whose original another mail program moved was held: the original's id changed with
 * the move, so its files could not be fetched. The sync has since brought the original to its new
 * folder here, under a new id and the same Message-ID; this names it by that id again, so the
 * entry, retried, fetches its files there. Entries that name no such original come back as they
 * were.
 */
export async function refindOriginals(db: MailDB, e: OutboxEntry): Promise<OutboxEntry> {
  const op = e.op;
  if (op.kind !== 'send' && op.kind !== 'save-draft') return e;
  const moved = new Map<string, string>();
  for (const a of op.draft.attachments ?? []) {
    if (a.kind !== 'forward' || !a.messageId || moved.has(a.sourceId)) continue;
    if (await db.messages.get(a.sourceId)) continue;
    // No index on the Message-ID: a scan, made only when the user asks for a retry.
    const found = await db.messages.filter((m) => m.internetMessageId === a.messageId).first();
    if (found) moved.set(a.sourceId, found.id);
  }
  if (moved.size === 0) return e;
  const now = (id: string) => moved.get(id) ?? id;
  const { source, attachments } = op.draft;
  const draft = {
    ...op.draft,
    ...(source && { source: { ...source, id: now(source.id) } }),
    attachments: attachments!.map((a) => (a.kind === 'forward' ? { ...a, sourceId: now(a.sourceId) } : a)),
  };
  return { ...e, op: { ...op, draft } };
}
