import { GetItem, type ItemChangeDescription } from '../../ews/index.js';
import type { OpOf, OutboxEntry } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { failureOf, type Failure } from './entry-error.js';
import { inBatches } from './group.js';
import { CONFLICT_ROUNDS, writeChanges } from './replay-update.js';
import { settle, type Settlement } from './settle.js';

/**
 * One category on or off for a group of entries. EWS sets a message's categories as a whole list,
 * so each list is read as the server holds it now (GetItem, item:Categories), changed by that one
 * name, and written back with the ChangeKey just read under NeverOverwrite: a compare-and-swap, which
 * keeps a category another client set meanwhile instead of writing over it with ours. A write that
 * loses the race reads again, a few rounds. A message that already is as asked needs no write. The
 * new ChangeKeys are not kept: the list written may hold another client's change, which the next
 * sync then fetches.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/categories-ex15websvcsotherref
 */
export async function replayCategories(
  ctx: SyncContext,
  group: OutboxEntry[],
  op: OpOf<'categorize'>,
): Promise<Map<number, Failure>> {
  const out: Settlement = { changeKeys: new Map(), gone: new Set(), failed: new Map() };
  let todo = [...new Set(group.flatMap((e) => ('ids' in e.op ? e.op.ids : [])))];
  for (let round = 0; todo.length && round <= CONFLICT_ROUNDS; round++) {
    const read = await inBatches(todo, (batch) =>
      ctx.call(GetItem, {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Categories' }] },
        itemIds: batch.map((id) => ({ id })),
      }),
    );
    const changes: ItemChangeDescription[] = [];
    todo.forEach((id, i) => {
      const m = read[i];
      const item = m?.items?.[0];
      if (m?.responseCode === 'ErrorItemNotFound') out.gone.add(id);
      else if (!item?.itemId || m?.responseClass === 'Error') out.failed.set(id, failureOf(m));
      else {
        const list = item.categories ?? [];
        if (list.includes(op.category) === op.on) return;
        const categories = op.on ? [...list, op.category] : list.filter((c) => c !== op.category);
        const path = { fieldURI: 'item:Categories' } as const;
        changes.push({
          itemId: item.itemId,
          // The item written has the kind read: Exchange refuses a meeting request set as a message.
          updates: [
            categories.length ? { kind: 'Set', path, item: { kind: item.kind, categories } } : { kind: 'Delete', path },
          ],
        });
      }
    });
    todo = await writeChanges(ctx, changes, 'NeverOverwrite', { ...out, changeKeys: new Map() });
  }
  for (const id of todo)
    out.failed.set(id, { kind: 'retry', reason: { code: 'refused', ews: 'ErrorIrresolvableConflict' } });
  return settle(ctx, group, out);
}
