import { FindItem, type FolderRef, type ItemId, type Restriction } from '../../ews/index.js';
import type { SyncContext } from '../context.js';

/**
 * Finds messages that an earlier attempt may have moved already (its answer was lost, so their
 * new ids are unknown): by Message-ID in the target folder, which a move keeps. Without this a
 * mark-read queued after the move would hit the old id and be lost (k9mail/k-9#4046, the same
 * bug on the lost-answer path). Rows already known locally are other messages, never a match.
 * Returns old id → new id for those found.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/internetmessageid
 */
export async function findMoved(ctx: SyncContext, ids: string[], target: FolderRef): Promise<Map<string, ItemId>> {
  const rows = await ctx.db.messages.bulkGet(ids);
  const wanted = new Map<string, string>();
  ids.forEach((id, i) => {
    const messageId = rows[i]?.internetMessageId;
    if (messageId) wanted.set(messageId, id);
  });
  const found = new Map<string, ItemId>();
  if (wanted.size === 0) return found;
  const path = { fieldURI: 'message:InternetMessageId' };
  const leaves: Restriction[] = [...wanted.keys()].map((value) => ({ op: 'IsEqualTo', path, value }));
  const [m] = await ctx.call(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'IdOnly', additionalProperties: [path] },
    restriction: leaves.length === 1 ? leaves[0]! : { op: 'Or', items: leaves },
    parentFolderIds: [target],
  });
  for (const item of m?.rootFolder?.items ?? []) {
    const old = wanted.get(item.internetMessageId ?? '');
    const id = item.itemId;
    if (!old || !id || found.has(old) || (await ctx.db.messages.get(id.id))) continue;
    found.set(old, { id: id.id, changeKey: '' });
  }
  return found;
}
