import { GetItem, UpdateItem, type Flag, type ItemId, type ItemUpdate } from '../ews/index.js';
import { isLocalId, type OutboxEntry } from '../db/index.js';
import type { SyncContext } from './context.js';
import { CONFLICT_CODES, EntryError, plainError } from './entry-error.js';

const FLAG_STATUS: Record<number, Flag['flagStatus']> = { 0: 'NotFlagged', 1: 'Flagged', 2: 'Complete' };

/**
 * Read flag and follow-up flag: one UpdateItem for all ids of the entry, each with the last
 * ChangeKey we know. The first try is NeverOverwrite: it succeeds only when that ChangeKey is
 * current, so the new ChangeKey it answers covers our change alone and is stored; the sync then
 * recognises the change as ours when it comes back and fetches nothing. (AutoResolve would merge
 * a stale key silently, and the stored key would then hide the other client's change.) On a
 * conflict the ChangeKey is read again with GetItem and the user's intent re-applied once with
 * AutoResolve; that key is not stored, so the sync fetches the merged item.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
 */
export async function replayUpdate(ctx: SyncContext, entry: OutboxEntry): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'set-read' && op.kind !== 'set-flag') throw new Error(`not an update: ${op.kind}`);
  const update: ItemUpdate =
    op.kind === 'set-read'
      ? { kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead: op.isRead } }
      : {
          kind: 'Set',
          path: { fieldURI: 'item:Flag' },
          item: { kind: 'Message', flag: { flagStatus: FLAG_STATUS[op.flag]! } },
        };
  const ids = op.ids.filter((id) => !isLocalId(id));
  const rows = await ctx.db.messages.bulkGet(ids);
  const known = ids.map((id, i): ItemId => ({ id, changeKey: rows[i]?.changeKey || undefined }));

  const changeKeys = new Map<string, string>();
  const failed = new Map<string, string>();
  let conflicts = await send(ctx, known, update, 'NeverOverwrite', changeKeys, failed);
  if (conflicts.length) {
    const fresh = await ctx.call(GetItem, {
      itemShape: { baseShape: 'IdOnly' },
      itemIds: conflicts.map((id) => ({ id })),
    });
    const again = conflicts.map((id, i): ItemId => ({ id, changeKey: fresh[i]?.items?.[0]?.itemId?.changeKey }));
    conflicts = await send(ctx, again, update, 'AutoResolve', new Map(), failed);
    for (const id of conflicts) failed.set(id, plainError({ responseCode: 'ErrorIrresolvableConflict' }));
  }
  const waiting = op.ids.filter(isLocalId);
  await finish(ctx, entry, changeKeys, [...failed.keys(), ...waiting], [...failed.values()][0]);
}

/** Returns the ids that hit a conflict; records new ChangeKeys and other failures. */
async function send(
  ctx: SyncContext,
  ids: ItemId[],
  update: ItemUpdate,
  conflictResolution: 'NeverOverwrite' | 'AutoResolve',
  changeKeys: Map<string, string>,
  failed: Map<string, string>,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const messages = await ctx.call(UpdateItem, {
    conflictResolution,
    messageDisposition: 'SaveOnly',
    suppressReadReceipts: true,
    itemChanges: ids.map((itemId) => ({ itemId, updates: [update] })),
  });
  const conflicts: string[] = [];
  ids.forEach(({ id }, i) => {
    const m = messages[i];
    if (m && m.responseClass !== 'Error') {
      const ck = m.items?.[0]?.itemId?.changeKey;
      if (ck) changeKeys.set(id, ck);
    } else if (m?.responseCode === 'ErrorItemNotFound') {
      // Gone on the server: nothing left to change; the sync removes the row.
    } else if (m && CONFLICT_CODES.has(m.responseCode)) conflicts.push(id);
    else failed.set(id, plainError(m));
  });
  return conflicts;
}

/** Stores new ChangeKeys and ends the entry, or keeps only the ids that failed. */
async function finish(
  ctx: SyncContext,
  entry: OutboxEntry,
  changeKeys: Map<string, string>,
  failedIds: string[],
  reason: string | undefined,
): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', [db.messages, db.outbox], async () => {
    for (const [id, changeKey] of changeKeys) await db.messages.update(id, { changeKey });
    if (failedIds.length === 0) await db.outbox.delete(entry.seq!);
    else await db.outbox.update(entry.seq!, { op: { ...entry.op, ids: failedIds } as OutboxEntry['op'] });
  });
  if (failedIds.length)
    throw new EntryError(reason ?? 'Waiting for a draft this change depends on to reach the server.');
}
