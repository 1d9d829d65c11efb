import type { OutboxReason } from './entities.js';
import type { OutboxOp } from './outbox-ops.js';
import type { MailDB } from './schema.js';

/**
 * Something the outbox did that the user should hear about although nothing is left to do: a
 * change dropped because its message was deleted on the server first, changes discarded with
 * the one they depended on. Kept in `meta` (no schema change), newest first, a few at most.
 */
export interface OutboxNote {
  /** The opId of the entry it is about. */
  opId: string;
  at: number;
  /** What happened, as data the Outbox view words (a sentence in notes kept by older versions). */
  what: OutboxReason | string;
  /** The change it is about, so the Outbox view can name it in the user's language. */
  op?: OutboxOp;
}

export const OUTBOX_NOTES = 'outboxNotes';

// Enough to read back what happened while away; older notes are of no use.
const MAX_NOTES = 30;

/** The notes, newest first. */
export async function outboxNotes(db: MailDB): Promise<OutboxNote[]> {
  const kept = ((await db.meta.get(OUTBOX_NOTES))?.value as (OutboxNote & { text?: string })[] | undefined) ?? [];
  // Older versions kept a sentence in `text`.
  return kept.map(({ text, ...n }) => ({ ...n, what: n.what ?? text ?? '' }));
}

/** Adds notes; call inside a rw transaction over meta (or on its own). */
export async function addNotes(db: MailDB, notes: OutboxNote[]): Promise<void> {
  if (notes.length === 0) return;
  const kept = await outboxNotes(db);
  await db.meta.put({ key: OUTBOX_NOTES, value: [...notes.reverse(), ...kept].slice(0, MAX_NOTES) });
}

/** Removes one note (the user read it), or all of them. */
export async function dismissNotes(db: MailDB, opId?: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const kept = opId === undefined ? [] : (await outboxNotes(db)).filter((n) => n.opId !== opId);
    await db.meta.put({ key: OUTBOX_NOTES, value: kept });
  });
}
