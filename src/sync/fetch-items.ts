import { GetItem, type Item, type ItemShape } from '../ews/index.js';
import type { SyncContext } from './context.js';

export interface Fetched {
  items: Map<string, Item>;
  /** ErrorItemNotFound: deleted or moved since the sync page; drop it. */
  gone: Set<string>;
  /** Any other per-item error: try again next pass, and never stop the rest for it. */
  failed: string[];
}

/**
 * GetItem in batches of `batch` ids, several in flight (the gate caps how many). One response
 * message per id, in request order, each with its own class: a vanished id costs only itself.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getitem-operation-email-message
 */
export async function fetchItems(ctx: SyncContext, ids: string[], shape: ItemShape, batch: number): Promise<Fetched> {
  const out: Fetched = { items: new Map(), gone: new Set(), failed: [] };
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batch) batches.push(ids.slice(i, i + batch));
  const results = await Promise.allSettled(
    batches.map(async (group) => {
      const messages = await ctx.call(GetItem, { itemShape: shape, itemIds: group.map((id) => ({ id })) });
      group.forEach((id, i) => {
        const m = messages[i];
        const item = m?.responseClass !== 'Error' ? m?.items?.[0] : undefined;
        if (item) out.items.set(id, item);
        else if (m?.responseCode === 'ErrorItemNotFound') out.gone.add(id);
        else out.failed.push(id);
      });
    }),
  );
  // Every batch has settled before the first failure is rethrown: no request is left running
  // behind the caller's back.
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return out;
}
