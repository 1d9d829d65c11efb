import type { FindItemMessage, FindItemRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { resolveFolder } from '../model/resolve.js';
import { countItems, findCounted, findItems, type ItemSearch } from '../store/find.js';
import type { ItemRow } from '../store/rows.js';
import { itemField } from '../store/item-fields.js';
import { compileOrder, compileRestriction } from '../store/query.js';
import { renderItems } from '../view/item-view.js';
import { failed, ok } from './each.js';

// EWSFindCountLimit: Exchange returns at most 1000 items per FindItem call.
// https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
export const FIND_COUNT_LIMIT = 1000;

/**
 * FindItem: Shallow traversal of each parent folder, filtered by the Restriction, ordered by the
 * SortOrder (DavMail pages by PR_INTERNET_ARTICLE_NUMBER), paged by IndexedPageItemView or cut
 * to a CalendarView window. RootFolder always carries its paging attributes (exchangelib and
 * DavMail loop forever without them). There are no associated or soft-deleted items here.
 * One response message per parent folder, in request order, as Exchange answers (the EWS Managed
 * API expects as many as it sent folders), so an unknown folder fails alone.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/finditem-operation
 */
export function findItem(ctx: Ctx, req: FindItemRequest): Response<FindItemMessage>[] {
  return req.parentFolderIds.map((ref) => {
    let folderId: number;
    try {
      folderId = resolveFolder(ctx, ref).id;
    } catch (e) {
      return failed(e);
    }
    return findIn(ctx, req, req.traversal === 'Shallow' ? [folderId] : []);
  });
}

function findIn(ctx: Ctx, req: FindItemRequest, folderIds: number[]): Response<FindItemMessage> {
  const view = req.view;
  const max = Math.min(Math.max(view?.maxEntriesReturned ?? FIND_COUNT_LIMIT, 0), FIND_COUNT_LIMIT);
  const search: ItemSearch = { folderIds, offset: 0, limit: max };
  if (req.restriction) search.where = compileRestriction(req.restriction, itemField, 'items.id');
  if (req.sortOrder?.length) search.order = compileOrder(req.sortOrder, itemField);
  if (view?.kind === 'Calendar') {
    const start = Date.parse(view.startDate);
    const end = Date.parse(view.endDate);
    search.window = { start: Number.isNaN(start) ? 0 : start, end: Number.isNaN(end) ? 0 : end };
  }
  const offset = view?.kind === 'Indexed' ? Math.max(0, view.offset) : 0;
  let total: number;
  let rows: ItemRow[];
  if (view?.kind === 'Indexed' && view.basePoint === 'End') {
    // Offset counts back from the end: the page is the `max` items before it.
    total = countItems(ctx.db, search);
    const stop = Math.max(0, total - offset);
    search.offset = Math.max(0, stop - max);
    search.limit = stop - search.offset;
    rows = search.limit > 0 ? findItems(ctx.db, search) : [];
  } else {
    search.offset = offset;
    ({ rows, total } =
      search.limit > 0 ? findCounted(ctx.db, search) : { rows: [], total: countItems(ctx.db, search) });
  }
  const items = renderItems(ctx, rows, req.itemShape, 'find');
  const end =
    view?.kind === 'Indexed' && view.basePoint === 'End' ? total - search.offset : search.offset + rows.length;
  return ok({
    rootFolder: {
      ...(view?.kind === 'Calendar' ? {} : { indexedPagingOffset: offset + rows.length }),
      totalItemsInView: total,
      includesLastItemInRange:
        view?.kind === 'Indexed' && view.basePoint === 'End' ? search.offset === 0 : end >= total,
      items,
    },
  });
}
