import {
  GetItem,
  UpdateItem,
  type Flag,
  type ItemChangeDescription,
  type ItemId,
  type ItemUpdate,
  type Response,
} from '../../ews/index.js';
import type { OpOf, OutboxEntry } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { CONFLICT_CODES, failureOf, type Failure } from './entry-error.js';
import { inBatches } from './group.js';
import { settle, type Settlement } from './settle.js';

const FLAG_STATUS: Record<number, Flag['flagStatus']> = { 0: 'NotFlagged', 1: 'Flagged', 2: 'Complete' };

// Another client may change the message again between our re-read and our write; a few rounds
// settle any human-speed race, and a later pass tries again after that.
export const CONFLICT_ROUNDS = 3;

/**
 * Read flag and follow-up flag for a group of entries with the same value: one UpdateItem for
 * each hundred of their ids, each with the last ChangeKey we know. The first try is NeverOverwrite: it
 * succeeds only when that ChangeKey is current, so the new ChangeKey it answers covers our change
 * alone and is stored; the sync then knows the change as ours when it comes back and fetches
 * nothing. (AutoResolve would merge a stale key silently, and the stored key would then hide the
 * other client's change.) On a conflict the ChangeKey is read again (GetItem IdOnly) and the
 * intent re-applied with AutoResolve: read state and flags are idempotent, so the user's intent
 * simply wins. A message deleted on the server first ends its part of the entry with a note.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
 */
export async function replayUpdate(
  ctx: SyncContext,
  group: OutboxEntry[],
  op: OpOf<'set-read' | 'set-flag'>,
): Promise<Map<number, Failure>> {
  const update: ItemUpdate =
    op.kind === 'set-read'
      ? { kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead: op.isRead } }
      : {
          kind: 'Set',
          path: { fieldURI: 'item:Flag' },
          item: { kind: 'Message', flag: { flagStatus: FLAG_STATUS[op.flag]! } },
        };
  const ids = [...new Set(group.flatMap((e) => ('ids' in e.op ? e.op.ids : [])))];
  const rows = await ctx.db.messages.bulkGet(ids);
  const known = ids.map((id, i): ItemId => ({ id, changeKey: rows[i]?.changeKey || undefined }));

  const out: Settlement = { changeKeys: new Map(), gone: new Set(), failed: new Map() };
  const changes = (ids: ItemId[]) => ids.map((itemId) => ({ itemId, updates: [update] }));
  let conflicts = await writeChanges(ctx, changes(known), 'NeverOverwrite', out);
  for (let round = 0; conflicts.length && round < CONFLICT_ROUNDS; round++) {
    const fresh = await inBatches(conflicts, (batch) =>
      ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: batch.map((id) => ({ id })) }),
    );
    const again: ItemId[] = [];
    conflicts.forEach((id, i) => {
      const m = fresh[i];
      if (m?.responseCode === 'ErrorItemNotFound') out.gone.add(id);
      else again.push({ id, changeKey: m?.items?.[0]?.itemId?.changeKey });
    });
    // A key from AutoResolve is not stored: the merged item is fetched by the next sync.
    conflicts = await writeChanges(ctx, changes(again), 'AutoResolve', { ...out, changeKeys: new Map() });
  }
  for (const id of conflicts)
    out.failed.set(id, { kind: 'retry', reason: { code: 'refused', ews: 'ErrorIrresolvableConflict' } });
  return settle(ctx, group, out);
}

/**
 * Sends the changes, a hundred a request. Returns the ids that hit a conflict; records new
 * ChangeKeys, gone ids and other failures.
 */
export async function writeChanges(
  ctx: SyncContext,
  changes: ItemChangeDescription[],
  conflictResolution: 'NeverOverwrite' | 'AutoResolve',
  out: Settlement,
): Promise<string[]> {
  if (changes.length === 0) return [];
  const messages = await inBatches(changes, (itemChanges) =>
    ctx.call(UpdateItem, {
      conflictResolution,
      messageDisposition: 'SaveOnly',
      suppressReadReceipts: true,
      itemChanges,
    }),
  );
  const conflicts: string[] = [];
  changes.forEach(({ itemId: { id } }, i) => {
    const m: Response<unknown> | undefined = messages[i];
    if (m && m.responseClass !== 'Error') {
      const ck = (m as Response<{ items?: { itemId?: ItemId }[] }>).items?.[0]?.itemId?.changeKey;
      if (ck) out.changeKeys.set(id, ck);
    } else if (m?.responseCode === 'ErrorItemNotFound') out.gone.add(id);
    else if (m && CONFLICT_CODES.has(m.responseCode)) conflicts.push(id);
    else out.failed.set(id, failureOf(m));
  });
  return conflicts;
}
