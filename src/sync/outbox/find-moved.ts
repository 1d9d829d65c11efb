import { FindItem, type FolderRef, type Item, type ItemId, type Restriction } from '../../ews/index.js';
import type { SyncContext } from '../context.js';
import { batchesOf } from './group.js';

/**
 * Finds messages that an earlier attempt may have moved already (its answer was lost, so their
 * new ids are unknown): by Message-ID in the target folder, which a move keeps. Without this a
 * mark-read queued after the move would hit the old id and be lost (k9mail/k-9#4046, the same
 * bug on the lost-answer path). A copy the sync has already brought in is the same message; a
 * candidate not known here is preferred, in case the folder holds two with one Message-ID.
 * `recorded`: the Message-IDs the entries noted when they were made. Returns old id → new id for
 * those found.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/internetmessageid
 */
export async function findMoved(
  ctx: SyncContext,
  ids: string[],
  target: FolderRef,
  recorded: Readonly<Record<string, string>>,
): Promise<Map<string, ItemId>> {
  const rows = await ctx.db.messages.bulkGet(ids);
  const wanted = new Map<string, string>();
  ids.forEach((id, i) => {
    // Recorded with the intent: the row may be gone here since (deleted for good later).
    const messageId = recorded[id] ?? rows[i]?.internetMessageId;
    if (messageId) wanted.set(messageId, id);
  });
  const found = new Map<string, ItemId>();
  const path = { fieldURI: 'message:InternetMessageId' };
  // A restriction of a hundred Message-IDs at a time, as every multi-id request.
  for (const batch of batchesOf([...wanted.keys()])) {
    const leaves: Restriction[] = batch.map((value) => ({ op: 'IsEqualTo', path, value }));
    const [m] = await ctx.call(FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [path] },
      restriction: leaves.length === 1 ? leaves[0]! : { op: 'Or', items: leaves },
      parentFolderIds: [target],
    });
    await pick(ctx, m?.rootFolder?.items ?? [], wanted, found);
  }
  return found;
}

/** Takes old id → new id from the candidates FindItem found, preferring one not known here. */
async function pick(
  ctx: SyncContext,
  candidates: Item[],
  wanted: ReadonlyMap<string, string>,
  found: Map<string, ItemId>,
): Promise<void> {
  const known = await ctx.db.messages.bulkGet(candidates.map((i) => i.itemId?.id ?? ''));
  const order = candidates.map((item, i) => ({ item, known: !!known[i] })).sort((a, b) => +a.known - +b.known);
  for (const { item } of order) {
    const old = wanted.get(item.internetMessageId ?? '');
    const id = item.itemId;
    if (!old || !id || found.has(old)) continue;
    found.set(old, { id: id.id, changeKey: '' });
  }
}
