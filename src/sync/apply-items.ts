import Dexie from 'dexie';
import type { Item, ItemChange } from '../ews/index.js';
import {
  CountDeltas,
  isLocalId,
  outboxMessageIds,
  overlayPage,
  type MailDB,
  type MessageRow,
  type SyncCursor,
} from '../db/index.js';
import type { ServerCounts } from './folder-counts.js';
import { itemToRow } from './map-item.js';

/** One SyncFolderItems page with everything it needs already fetched. */
export interface ItemPage {
  folderId: string;
  changes: ItemChange[];
  /** Summaries by id (from GetItem, or inline in the page). */
  items: Map<string, Item>;
  /** Ids GetItem did not find: gone since the page was made. */
  gone: Set<string>;
  /** Ids GetItem failed on for another reason: kept for the next pass. */
  failed: string[];
  /** Ids that had failed before and were fetched again with this page. */
  retried: string[];
  syncState: string;
  complete: boolean;
}

/**
 * Applies a page and saves its sync state in **one** transaction, so a pass killed at any
 * instant resumes from the last saved state with no duplicate and no gap. Counts move with the
 * rows. When the page completes a re-list (`cursor.sweep`), rows the re-list did not see are
 * deleted in the same transaction. Returns how many rows changed.
 */
export async function applyItemPage(
  db: MailDB,
  page: ItemPage,
  cursor: SyncCursor | undefined,
  serverCounts: ServerCounts | undefined,
  now: number,
): Promise<number> {
  const { folderId } = page;
  const sweep = cursor?.sweep;
  return db.transaction('rw', [db.messages, db.bodies, db.folders, db.cursors, db.outbox], async () => {
    const ids = [...new Set([...page.changes.map(changeId), ...page.retried].filter((id): id is string => !!id))];
    const original = new Map<string, MessageRow | undefined>();
    (await db.messages.bulkGet(ids)).forEach((row, i) => original.set(ids[i]!, row));
    const state = new Map(original);
    const staleBodies = new Set<string>();

    const upsert = (item: Item) => {
      const row = itemToRow(item, folderId);
      if (sweep !== undefined) row.mark = sweep;
      const before = state.get(row.id);
      // A body changes with the size (a draft edited elsewhere); a flag or category does not.
      if (before && before.size !== row.size) staleBodies.add(row.id);
      state.set(row.id, row);
    };
    const remove = (id: string) => {
      state.set(id, undefined);
      staleBodies.add(id);
    };

    for (const change of page.changes) {
      const id = changeId(change);
      if (!id) continue;
      if (change.type === 'Delete') remove(id);
      else if (change.type === 'ReadFlagChange') {
        const before = state.get(id);
        if (before)
          state.set(id, {
            ...before,
            isRead: change.isRead ? 1 : 0,
            changeKey: change.itemId.changeKey ?? before.changeKey,
          });
      } else if (page.gone.has(id)) remove(id);
      else if (page.items.has(id)) upsert(page.items.get(id)!);
      else {
        // Our own change coming back (same ChangeKey), or a fetch that failed (kept for retry).
        const before = state.get(id);
        if (before && (before.folderId !== folderId || sweep !== undefined))
          state.set(id, { ...before, folderId, mark: sweep ?? before.mark });
      }
    }
    for (const id of page.retried) if (page.items.has(id)) upsert(page.items.get(id)!);
    // Intents still on their way win over the server's older copy: no flag flips back.
    await overlayPage(db, state, original);

    const counts = new CountDeltas();
    const puts: MessageRow[] = [];
    const deletes: string[] = [];
    for (const [id, after] of state) {
      const before = original.get(id);
      if (after === before) continue;
      counts.change(before, after);
      if (after) puts.push(after);
      else if (before) deletes.push(id);
    }
    await db.messages.bulkPut(puts);
    await db.messages.bulkDelete(deletes);
    await db.bodies.bulkDelete([...staleBodies]);

    const next: SyncCursor = {
      ...cursor,
      key: folderId,
      syncState: page.syncState,
      complete: page.complete,
      updatedAt: now,
      retryIds: page.failed,
    };
    let changed = puts.length + deletes.length;
    if (page.complete) {
      next.lastSync = now;
      next.lastResult = 'Up to date';
      if (serverCounts) {
        next.seenTotal = serverCounts.total;
        next.seenUnread = serverCounts.unread;
      }
      if (sweep !== undefined) {
        changed += await sweepUnseen(db, folderId, sweep, counts);
        delete next.sweep;
        next.lastVerified = now;
      }
    }
    await counts.apply(db);
    await db.cursors.put(next);
    return changed;
  });
}

function changeId(c: ItemChange): string | undefined {
  return 'item' in c ? c.item.itemId?.id : c.itemId.id;
}

/**
 * The sweep after a complete re-list: rows of the folder the re-list did not mark are gone on
 * the server. Rows created here and not yet on the server, and rows a pending intent names,
 * stay.
 */
async function sweepUnseen(db: MailDB, folderId: string, sweep: number, counts: CountDeltas): Promise<number> {
  const pending = outboxMessageIds(await db.outbox.toArray());
  const unseen = await db.messages
    .where('[folderId+receivedAt]')
    .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
    .filter((m) => m.mark !== sweep && !isLocalId(m.id) && !pending.has(m.id))
    .toArray();
  unseen.forEach((m) => counts.change(m, undefined));
  const ids = unseen.map((m) => m.id);
  await db.messages.bulkDelete(ids);
  await db.bodies.bulkDelete(ids);
  return ids.length;
}
