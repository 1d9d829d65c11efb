import type { DeleteFolderRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { breathe, BULK_STEP, descendants } from '../model/folder-tree.js';
import { resolveFolder } from '../model/resolve.js';
import { folderByDistinguished, markFolderDeleted, siblingNamed, updateFolder } from '../store/folders.js';
import { purgeFolderItems } from '../store/items.js';
import type { FolderRow } from '../store/rows.js';
import { eachAsync, ok } from './each.js';

/**
 * DeleteFolder: HardDelete and SoftDelete remove the folder and everything below it (at once as
 * far as clients can see; the items are then purged in bounded steps); MoveToDeletedItems moves
 * the folder into Deleted Items. Well-known folders answer ErrorDeleteDistinguishedFolder.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deletefolder-operation
 */
export async function deleteFolders(ctx: Ctx, req: DeleteFolderRequest): Promise<Response<Record<never, never>>[]> {
  return eachAsync(req.folderIds, async (ref) => {
    const f = resolveFolder(ctx, ref);
    if (f.distinguished) throw new EwsFail('ErrorDeleteDistinguishedFolder');
    const trash = folderByDistinguished(ctx.db, ctx.user.id, 'deleteditems');
    if (req.deleteType === 'MoveToDeletedItems' && trash && !isUnder(ctx, f, trash)) {
      ctx.db.write(() => {
        if (siblingNamed(ctx.db, ctx.user.id, trash.id, f.name, f.id)) throw new EwsFail('ErrorFolderExists');
        updateFolder(ctx.db, f.id, { parent_id: trash.id }, ctx.now);
      });
      return ok({});
    }
    await removeFolder(ctx, f);
    return ok({});
  });
}

/** Deletes a folder and its subtree: marked deleted in one step, contents purged after. */
export async function removeFolder(ctx: Ctx, f: FolderRow): Promise<void> {
  const tree = [f, ...descendants(ctx.db, f)];
  ctx.db.write(() => {
    for (const x of tree.reverse()) markFolderDeleted(ctx.db, x.id, ctx.now);
  });
  for (const x of tree) {
    while (ctx.db.write(() => purgeFolderItems(ctx.db, x.id, BULK_STEP)) === BULK_STEP) await breathe();
  }
}

function isUnder(ctx: Ctx, f: FolderRow, ancestor: FolderRow): boolean {
  return descendants(ctx.db, ancestor).some((d) => d.id === f.id);
}
