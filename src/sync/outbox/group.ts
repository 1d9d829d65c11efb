import type { OutboxEntry } from '../../db/index.js';
import { localRefs } from '../../db/outbox-admin.js';
import { overlap } from './blocked.js';

// Ids per multi-id request: far below what Exchange accepts, small enough that one slow answer
// does not hold a pass for long.
export const MAX_BATCH_IDS = 100;

/** `items` in runs of MAX_BATCH_IDS, in order. */
export function* batchesOf<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += MAX_BATCH_IDS) yield items.slice(i, i + MAX_BATCH_IDS);
}

/**
 * `call` for each run of MAX_BATCH_IDS of `items`, one after another; the answers in the order
 * of `items`, a batch answered short padded with `undefined` so that the next lines up. One
 * intent may name a whole folder ("select all" of 100,000 messages): in one request it would
 * pass the server's 1 MB limit for such requests and hold a pass for minutes.
 */
export async function inBatches<T, R>(
  items: readonly T[],
  call: (batch: T[]) => Promise<R[]>,
): Promise<(R | undefined)[]> {
  const answers: (R | undefined)[] = [];
  for (const batch of batchesOf(items)) {
    const got = await call(batch);
    for (let k = 0; k < batch.length; k++) answers.push(got[k]);
  }
  return answers;
}

/** The outcome of an earlier attempt is known (no lost answer, no pass that died on it). */
const sure = (e: OutboxEntry) => e.state !== 'sending' && !e.progress?.tried;

const idCount = (e: OutboxEntry) => ('ids' in e.op ? e.op.ids.length : 1);

/**
 * Whether `next`, the entry right after `group` in the outbox, can go in the same request:
 * the same intent (mark read, flag the same way, the same category on or off, move to the same
 * folder, delete), due now,
 * needing nothing that is not on the server yet, and about other messages.
 */
export function batchable(group: OutboxEntry[], next: OutboxEntry, now: number): boolean {
  const a = group[0]!.op;
  const b = next.op;
  if (next.state === 'parked' || (next.notBefore ?? 0) > now || localRefs(next).length) return false;
  if (group.some((e) => overlap(e, next))) return false;
  if (group.reduce((n, e) => n + idCount(e), idCount(next)) > MAX_BATCH_IDS) return false;
  switch (a.kind) {
    case 'set-read':
      return b.kind === 'set-read' && b.isRead === a.isRead;
    case 'set-flag':
      return b.kind === 'set-flag' && b.flag === a.flag;
    case 'categorize':
      return b.kind === 'categorize' && b.category === a.category && b.on === a.on;
    case 'move':
      return b.kind === 'move' && b.toFolderId === a.toFolderId && sure(next) && group.every(sure);
    case 'delete':
      return b.kind === 'delete' && sure(next) && group.every(sure);
    default:
      return false;
  }
}
