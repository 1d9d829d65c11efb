import Dexie from 'dexie';
import { SyncFolderItems, type Item, type ItemChange } from '../ews/index.js';
import type { FolderRow, SyncCursor } from '../db/index.js';
import { applyItemPage, type ItemPage } from './apply-items.js';
import type { SyncContext } from './context.js';
import { EwsError, FolderGoneError } from './errors.js';
import { fetchItems } from './fetch-items.js';
import type { ServerCounts } from './folder-counts.js';
import { restart } from './relist.js';
import { hasSummary } from './map-item.js';
import { ID_ONLY, INLINE_SUMMARY, SUMMARY_SHAPE } from './shapes.js';

/**
 * Syncs one folder to the end of its changes: SyncFolderItems (IdOnly, up to 512 a page) from
 * the saved state, GetItem for what is new or changed, then the page and its new state in one
 * transaction; the network is never awaited inside a transaction. ErrorInvalidSyncStateData
 * re-lists from no state with mark and sweep. Returns the number of rows changed.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-synchronize-items-by-using-ews-in-exchange
 */
export async function syncFolder(ctx: SyncContext, folder: FolderRow, serverCounts?: ServerCounts): Promise<number> {
  const { db, settings } = ctx;
  ctx.progress.phase('items', folder.name);
  let changed = 0;
  const first = await db.cursors.get(folder.id);
  if (first?.syncState === undefined && first?.sweep === undefined) {
    // A listing from no state sees every id: over rows we already hold it is a mark and sweep
    // like any re-list; over none it has nothing to sweep, and verifies the folder as it goes.
    const start = first ?? { key: folder.id, complete: false, updatedAt: 0 };
    const now = ctx.clock.now();
    const held = await db.messages
      .where('[folderId+receivedAt]')
      .between([folder.id, Dexie.minKey], [folder.id, Dexie.maxKey])
      .limit(1)
      .count();
    await db.cursors.put(held ? restart(start, now) : { ...start, lastVerified: now });
  }
  for (;;) {
    const cursor = await db.cursors.get(folder.id);
    const [msg] = await ctx.call(SyncFolderItems, {
      itemShape: settings.summaryInline ? INLINE_SUMMARY : ID_ONLY,
      syncFolderId: { id: folder.id },
      syncState: cursor?.syncState,
      maxChangesReturned: settings.maxChangesReturned,
    });
    if (msg?.responseCode === 'ErrorInvalidSyncStateData' && cursor?.syncState !== undefined) {
      await db.cursors.put(restart(cursor, ctx.clock.now()));
      continue;
    }
    if (msg?.responseCode === 'ErrorSyncFolderNotFound') throw new FolderGoneError(folder.id);
    if (!msg || msg.responseClass === 'Error' || msg.syncState === undefined)
      throw EwsError.of(msg, `"${folder.name}" could not be synced`);
    const changes = msg.changes ?? [];
    ctx.progress.expect(changes.length);
    const page = await preparePage(ctx, folder.id, changes, cursor);
    const complete = msg.includesLastItemInRange !== false;
    changed += await applyItemPage(
      db,
      { ...page, syncState: msg.syncState, complete },
      cursor,
      serverCounts,
      ctx.clock.now(),
    );
    ctx.progress.done(changes.length);
    if (complete) return changed;
  }
}

/**
 * Decides what the page needs from the server: nothing for a row whose ChangeKey we already
 * hold (our own change coming back, or an unchanged row during a re-list), the inline summary
 * when the page carries it, GetItem for the rest (plus ids that failed last time).
 */
async function preparePage(
  ctx: SyncContext,
  folderId: string,
  changes: ItemChange[],
  cursor: SyncCursor | undefined,
): Promise<Omit<ItemPage, 'syncState' | 'complete'>> {
  const upserts = changes.filter((c): c is Extract<ItemChange, { item: Item }> => 'item' in c && !!c.item.itemId);
  const local = await ctx.db.messages.bulkGet(upserts.map((c) => c.item.itemId!.id));
  const items = new Map<string, Item>();
  const toFetch: string[] = [];
  upserts.forEach((c, i) => {
    const { id, changeKey } = c.item.itemId!;
    if (changeKey && local[i]?.changeKey === changeKey) return;
    if (ctx.settings.summaryInline && hasSummary(c.item)) items.set(id, c.item);
    else toFetch.push(id);
  });
  const retried = (cursor?.retryIds ?? []).filter((id) => !toFetch.includes(id));
  const fetched = await fetchItems(ctx, [...toFetch, ...retried], SUMMARY_SHAPE, ctx.settings.getItemBatch);
  for (const [id, item] of fetched.items) items.set(id, item);
  return { folderId, changes, items, gone: fetched.gone, failed: fetched.failed, retried };
}
