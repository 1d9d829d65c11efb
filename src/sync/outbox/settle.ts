import type { ItemId } from '../../ews/index.js';
import { CountDeltas, withIds, type OutboxEntry } from '../../db/index.js';
import { addNotes, type OutboxNote } from '../../db/outbox-notes.js';
import type { SyncContext } from '../context.js';
import type { Failure } from './entry-error.js';
import { remapItems } from './remap.js';

/** What the server said about each message of a group of entries. */
export interface Settlement {
  /** New ChangeKeys that cover our change alone: the sync will know the echo as ours. */
  changeKeys: Map<string, string>;
  /** Messages that got a new id (MoveItem). */
  moved?: Map<string, ItemId>;
  /** Messages gone on the server: their rows go, their part of the entry ends. */
  gone: Set<string>;
  /** Messages whose part failed: they stay in their entries. */
  failed: Map<string, Failure>;
  /** A delete that found its message gone did what the user wanted: no note. */
  quietGone?: boolean;
}

/**
 * Records the outcome of one request for a group of entries in **one** transaction: new
 * ChangeKeys, new ids (the rows and every later entry switch to them), rows of messages gone on
 * the server, and each entry ended or trimmed to the ids that failed. Returns each trimmed
 * entry's failure (a park if any of its ids must park).
 */
export async function settle(ctx: SyncContext, group: OutboxEntry[], s: Settlement): Promise<Map<number, Failure>> {
  const { db } = ctx;
  const failures = new Map<number, Failure>();
  const last = Math.max(...group.map((e) => e.seq!));
  await db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox, db.meta], async () => {
    for (const [id, changeKey] of s.changeKeys) await db.messages.update(id, { changeKey });
    if (s.moved) await remapItems(db, s.moved, last);
    const counts = new CountDeltas();
    for (const id of s.gone) {
      const row = await db.messages.get(id);
      if (!row) continue;
      counts.change(row, undefined);
      await db.messages.delete(id);
      await db.bodies.delete(id);
    }
    await counts.apply(db);
    const notes: OutboxNote[] = [];
    for (const e of group) {
      const stored = await db.outbox.get(e.seq!);
      if (!stored || !('ids' in stored.op)) continue;
      const ids = stored.op.ids;
      const gone = ids.filter((id) => s.gone.has(id)).length;
      if (gone && !s.quietGone)
        notes.push({ opId: e.opId, at: ctx.clock.now(), what: { code: 'messages-gone', count: gone }, op: stored.op });
      const left = ids.filter((id) => s.failed.has(id));
      if (left.length === 0) {
        await db.outbox.delete(e.seq!);
        continue;
      }
      await db.outbox.put(withIds(stored, left));
      const all = left.map((id) => s.failed.get(id)!);
      failures.set(e.seq!, all.find((f) => f.kind === 'park') ?? all[0]!);
    }
    await addNotes(db, notes);
  });
  return failures;
}
