import type { Item, ItemChange, Response, SyncFolderItemsMessage, SyncFolderItemsRequest } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { errorStatus } from '../errors.js';
import { resolveFolder } from '../model/resolve.js';
import { changedSince, removedSince, snapshotPage, type SyncRow } from '../store/changes.js';
import { itemsByRows } from '../store/items.js';
import type { FolderRow, TombstoneRow } from '../store/rows.js';
import { tombstoneHorizon } from '../store/tombstones.js';
import { readState, signState, type SyncState } from '../sync-state.js';
import { itemKind } from '../view/item-kind.js';
import { renderItems } from '../view/item-view.js';
import { failed, ok } from './each.js';

type ItemsState = Extract<SyncState, { kind: 'items' }>;
type Emit = { row: SyncRow; type: 'Create' | 'Update' | 'ReadFlagChange' } | { tomb: TombstoneRow };

/**
 * SyncFolderItems. An initial sync walks a snapshot of the folder newest first (Exchange 2010 SP2
 * and later), remembering the change-log high-water mark it started at; once the snapshot is
 * done it continues from that mark, so whatever changed while the client paged arrives as
 * ordinary changes: no gap, and no item created twice. Incremental pages report each changed
 * item once (Create if it arrived after the client's position, ReadFlagChange if only its read
 * flag moved, Update otherwise) and each departed item as a Delete, oldest change first.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems-operation
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/mailbox-synchronization-and-ews-in-exchange
 */
export function syncFolderItems(ctx: Ctx, req: SyncFolderItemsRequest): Response<SyncFolderItemsMessage>[] {
  let folder: FolderRow;
  try {
    folder = resolveFolder(ctx, req.syncFolderId, 'ErrorSyncFolderNotFound');
  } catch (e) {
    return [{ ...failed(e), syncState: '', includesLastItemInRange: true }];
  }
  const state = startState(ctx, folder, req.syncState);
  if (!state) return [invalidState()];
  const ignore = new Set(
    (req.ignore ?? []).flatMap((i) => {
      const d = ctx.ids.decode('item', i.id);
      return typeof d === 'object' ? [`${d.row}:${d.gen}`] : [];
    }),
  );
  const page = state.snapshot
    ? snapshot(ctx, folder, state, req.maxChangesReturned, ignore)
    : incremental(ctx, folder, state, req.maxChangesReturned, ignore);
  return [
    ok({
      syncState: signState(ctx.db.secret, page.next),
      includesLastItemInRange: page.last,
      changes: render(ctx, page.emit, req),
    }),
  ];
}

function invalidState(): Response<SyncFolderItemsMessage> {
  return { ...errorStatus('ErrorInvalidSyncStateData'), syncState: '', includesLastItemInRange: true };
}

/** The state to continue from; undefined when the client's state is not one for this folder. */
function startState(ctx: Ctx, folder: FolderRow, token: string | undefined): ItemsState | undefined {
  if (token === undefined) {
    const hwm = ctx.db.modseq();
    return { kind: 'items', user: ctx.user.id, folder: folder.id, pos: hwm, snapshot: { hwm } };
  }
  const s = readState(ctx.db.secret, token);
  if (!s || s.kind !== 'items' || s.user !== ctx.user.id || s.folder !== folder.id) return undefined;
  if (s.pos > ctx.db.modseq() || (s.snapshot && s.snapshot.hwm !== s.pos)) return undefined;
  // Deletions after a position below the horizon may have been pruned: answering from it would
  // leave mail the client holds but the server deleted on the client for good. Refused, the
  // client syncs the folder again from scratch (an unfinished initial sync too: once its
  // snapshot is walked it goes on from its start, which is the same position).
  if (s.pos < tombstoneHorizon(ctx.db, folder.id)) return undefined;
  return s;
}

interface Page {
  emit: Emit[];
  next: ItemsState;
  last: boolean;
}

// Ignore has no documented bound; a page reads at most this many rows past the ones it returns
// (more ignored items than that only make the page shorter, never wrong).
const IGNORE_SLACK = 512;

function snapshot(ctx: Ctx, folder: FolderRow, s: ItemsState, max: number, ignore: Set<string>): Page {
  const hwm = s.snapshot!.hwm;
  const limit = max + Math.min(ignore.size, IGNORE_SLACK) + 1;
  const rows = snapshotPage(ctx.db, folder.id, hwm, s.snapshot!.after, limit);
  const emit: Emit[] = [];
  let cursor = s.snapshot!.after;
  let i = 0;
  for (; i < rows.length; i++) {
    const r = rows[i]!;
    const skip = ignore.has(`${r.id}:${r.gen}`);
    if (!skip && emit.length === max) break;
    cursor = { received: r.received, id: r.id };
    if (!skip) emit.push({ row: r, type: 'Create' });
  }
  const done = i === rows.length && rows.length < limit;
  if (!done) return { emit, next: { ...s, snapshot: { hwm, ...(cursor ? { after: cursor } : {}) } }, last: false };
  // The snapshot is complete; what changed since it began is still to come.
  const pending = changedSince(ctx.db, folder.id, hwm, 1).length + removedSince(ctx.db, folder.id, hwm, 1).length;
  return { emit, next: { kind: 'items', user: s.user, folder: s.folder, pos: hwm }, last: pending === 0 };
}

function incremental(ctx: Ctx, folder: FolderRow, s: ItemsState, max: number, ignore: Set<string>): Page {
  const limit = max + Math.min(ignore.size, IGNORE_SLACK) + 1;
  const items = changedSince(ctx.db, folder.id, s.pos, limit);
  const tombs = removedSince(ctx.db, folder.id, s.pos, limit);
  const emit: Emit[] = [];
  let pos = s.pos;
  let a = 0;
  let b = 0;
  let more = false;
  for (;;) {
    // A fetched list that was cut short cannot be merged past its end.
    if ((a === items.length && items.length === limit) || (b === tombs.length && tombs.length === limit)) {
      more = true;
      break;
    }
    const item = items[a];
    const tomb = tombs[b];
    if (!item && !tomb) break;
    const takeItem = !!item && (!tomb || item.change_num < tomb.num);
    const key = takeItem ? `${item!.id}:${item!.gen}` : `${tomb!.item_id}:${tomb!.gen}`;
    const skip = ignore.has(key);
    if (!skip && emit.length === max) {
      more = true;
      break;
    }
    if (takeItem) {
      a++;
      pos = item!.change_num;
      if (skip) continue;
      // Classified against where the client stood, so several changes of one item are one.
      const type = item!.created_num > s.pos ? 'Create' : item!.content_num > s.pos ? 'Update' : 'ReadFlagChange';
      emit.push({ row: item!, type });
    } else {
      b++;
      pos = tomb!.num;
      if (!skip) emit.push({ tomb: tomb! });
    }
  }
  return { emit, next: { ...s, pos }, last: !more };
}

function render(ctx: Ctx, emit: Emit[], req: SyncFolderItemsRequest): ItemChange[] {
  const shaped = req.itemShape.baseShape !== 'IdOnly' || !!req.itemShape.additionalProperties?.length;
  const full = new Map<number, Item>();
  if (shaped) {
    const ids = emit.flatMap((e) => ('row' in e && e.type !== 'ReadFlagChange' ? [e.row.id] : []));
    const rows = itemsByRows(ctx.db, ids);
    const items = renderItems(ctx, rows, req.itemShape, 'sync');
    rows.forEach((r, n) => full.set(r.id, items[n]!));
  }
  return emit.flatMap((e): ItemChange[] => {
    if ('tomb' in e)
      return [
        { type: 'Delete', itemId: { id: ctx.ids.item({ ...e.tomb, id: e.tomb.item_id, change_num: e.tomb.num }).id } },
      ];
    const itemId = ctx.ids.item(e.row);
    if (e.type === 'ReadFlagChange') return [{ type: 'ReadFlagChange', itemId, isRead: !!e.row.is_read }];
    // An item that vanished between the two reads of this page is left to the next page's Delete.
    const item = shaped ? full.get(e.row.id) : { kind: itemKind(e.row.item_class), itemId };
    return item ? [{ type: e.type, item }] : [];
  });
}
