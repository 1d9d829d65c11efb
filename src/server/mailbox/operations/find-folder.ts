import type { FindFolderMessage, FindFolderRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { children, descendants } from '../model/folder-tree.js';
import { resolveFolder } from '../model/resolve.js';
import { matchFolders } from '../store/find.js';
import { folderField } from '../store/folder-fields.js';
import { compileRestriction } from '../store/query.js';
import type { FolderRow } from '../store/rows.js';
import { renderFolders } from '../view/folder-view.js';
import { failed, ok } from './each.js';
import { FIND_COUNT_LIMIT } from './find-item.js';

/**
 * FindFolder: the subfolders (Shallow) or the whole subtree (Deep, depth first) of each parent,
 * filtered (DavMail's LIST restricts on PR_CONTAINER_CLASS 0x3613) and paged, with RootFolder's
 * paging attributes always present. One response message per parent, in request order, as
 * FindItem answers.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/findfolder-operation
 */
export function findFolder(ctx: Ctx, req: FindFolderRequest): Response<FindFolderMessage>[] {
  return req.parentFolderIds.map((ref) => {
    let parent: FolderRow;
    try {
      parent = resolveFolder(ctx, ref);
    } catch (e) {
      return failed(e);
    }
    return findUnder(ctx, req, parent);
  });
}

function findUnder(ctx: Ctx, req: FindFolderRequest, parent: FolderRow): Response<FindFolderMessage> {
  let found =
    req.traversal === 'SoftDeleted'
      ? []
      : req.traversal === 'Deep'
        ? descendants(ctx.db, parent)
        : children(ctx.db, parent);
  if (req.restriction && found.length) {
    const match = matchFolders(
      ctx.db,
      found.map((f) => f.id),
      compileRestriction(req.restriction, folderField, 'folders.id'),
    );
    found = found.filter((f) => match.has(f.id));
  }
  const view = req.view;
  const max = Math.min(view?.maxEntriesReturned ?? FIND_COUNT_LIMIT, FIND_COUNT_LIMIT);
  const offset = Math.max(0, view?.offset ?? 0);
  const start = view?.basePoint === 'End' ? Math.max(0, found.length - offset - max) : offset;
  const stop = view?.basePoint === 'End' ? Math.max(0, found.length - offset) : offset + max;
  const page = found.slice(start, stop);
  return ok({
    rootFolder: {
      indexedPagingOffset: offset + page.length,
      totalItemsInView: found.length,
      includesLastItemInRange: view?.basePoint === 'End' ? start === 0 : start + page.length >= found.length,
      folders: renderFolders(ctx, page, req.folderShape),
    },
  });
}
