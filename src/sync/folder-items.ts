import Dexie from 'dexie';
import { SyncFolderItems, type Item, type ItemChange } from '../ews/index.js';
import type { FolderRow } from '../db/index.js';
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
 *
 * Pages overlap: while one page is written, the next one's GetItem requests are on the wire (the
 * page after is asked for with the state the server just gave, not the one saved). Writes stay in
 * page order, one at a time, so a pass killed at any instant still resumes from the last written
 * page with no gap; what it loses is at most the page that was being fetched.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-synchronize-items-by-using-ews-in-exchange
 */
export async function syncFolder(ctx: SyncContext, folder: FolderRow, serverCounts?: ServerCounts): Promise<number> {
  const { db, settings } = ctx;
  ctx.progress.phase('items', folder.name);
  let changed = 0;
  let cursor = await db.cursors.get(folder.id);
  if (cursor?.syncState === undefined && cursor?.sweep === undefined) {
    // A listing from no state sees every id: over rows we already hold it is a mark and sweep
    // like any re-list; over none it has nothing to sweep, and verifies the folder as it goes.
    const start = cursor ?? { key: folder.id, complete: false, updatedAt: 0 };
    const now = ctx.clock.now();
    const held = await db.messages
      .where('[folderId+receivedAt]')
      .between([folder.id, Dexie.minKey], [folder.id, Dexie.maxKey])
      .limit(1)
      .count();
    cursor = held ? restart(start, now) : { ...start, lastVerified: now };
    await db.cursors.put(cursor);
  }
  // The page fetched but not yet written: its state is where the server goes on from.
  let ready: ItemPage | undefined;
  const write = async (page: ItemPage) => {
    changed += await applyItemPage(db, page, cursor, serverCounts, ctx.clock.now());
    ctx.progress.done(page.changes.length);
    cursor = await db.cursors.get(folder.id);
  };
  for (;;) {
    const [msg] = await ctx.call(SyncFolderItems, {
      itemShape: settings.summaryInline ? INLINE_SUMMARY : ID_ONLY,
      syncFolderId: { id: folder.id },
      syncState: ready ? ready.syncState : cursor?.syncState,
      maxChangesReturned: settings.maxChangesReturned,
    });
    if (!msg || msg.responseClass === 'Error' || msg.syncState === undefined) {
      // Whatever went wrong with this page, the one before it is good: keep it.
      if (ready) await write(ready);
      ready = undefined;
      if (msg?.responseCode === 'ErrorInvalidSyncStateData' && cursor?.syncState !== undefined) {
        cursor = restart(cursor, ctx.clock.now());
        await db.cursors.put(cursor);
        continue;
      }
      if (msg?.responseCode === 'ErrorSyncFolderNotFound') throw new FolderGoneError(folder.id);
      throw EwsError.of(msg, `"${folder.name}" could not be synced`);
    }
    const changes = msg.changes ?? [];
    ctx.progress.expect(changes.length);
    // Read what we hold before the previous page's write begins: IndexedDB runs a read that
    // starts after a write on the same store only once the write is done.
    const plan = await planPage(ctx, changes, ready ? ready.failed : (cursor?.retryIds ?? []));
    const writing = ready ? write(ready) : undefined;
    const fetching = fetchItems(ctx, plan.toFetch, SUMMARY_SHAPE, settings.getItemBatch);
    const [written, fetched] = await Promise.allSettled([writing, fetching]);
    if (written.status === 'rejected') throw written.reason;
    if (fetched.status === 'rejected') throw fetched.reason;
    for (const [id, item] of fetched.value.items) plan.items.set(id, item);
    ready = {
      folderId: folder.id,
      changes,
      items: plan.items,
      gone: fetched.value.gone,
      failed: fetched.value.failed,
      retried: plan.retried,
      syncState: msg.syncState,
      complete: msg.includesLastItemInRange !== false,
    };
    if (ready.complete) {
      await write(ready);
      return changed;
    }
  }
}

/**
 * Decides what a page needs from the server: nothing for a row whose ChangeKey we already hold
 * (our own change coming back, or an unchanged row during a re-list), the inline summary when
 * the page carries it, GetItem for the rest (plus ids that failed last time). A row the previous
 * page is about to write may be read as it was before: at worst it is fetched once more.
 */
async function planPage(
  ctx: SyncContext,
  changes: ItemChange[],
  retryIds: string[],
): Promise<{ items: Map<string, Item>; toFetch: string[]; retried: string[] }> {
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
  const retried = retryIds.filter((id) => !toFetch.includes(id));
  return { items, toFetch: [...toFetch, ...retried], retried };
}
