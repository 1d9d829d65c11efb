import type { FolderInfoMessage, MoveFolderRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { breathe, BULK_STEP, children, descendants } from '../model/folder-tree.js';
import { resolveFolder } from '../model/resolve.js';
import { insertFolder, siblingNamed, updateFolder } from '../store/folders.js';
import { copyItem, itemsInFolderAfter } from '../store/items.js';
import type { FolderRow } from '../store/rows.js';
import { folderKind } from '../view/folder-view.js';
import { eachAsync, failed, ok } from './each.js';

/**
 * MoveFolder and CopyFolder: the folder (and, for a copy, its contents and subfolders) under the
 * target. Well-known folders do not move; nothing moves into itself; names stay unique among
 * siblings. The answer carries the folder in its new place.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/movefolder-operation
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/copyfolder-operation
 */
export async function moveOrCopyFolders(
  ctx: Ctx,
  req: MoveFolderRequest,
  copy: boolean,
): Promise<Response<FolderInfoMessage>[]> {
  let target: FolderRow;
  try {
    target = resolveFolder(ctx, req.toFolderId);
  } catch (e) {
    const error = failed(e);
    return req.folderIds.map(() => error);
  }
  return eachAsync(req.folderIds, async (ref) => {
    const f = resolveFolder(ctx, ref);
    if (!copy && f.distinguished) throw new EwsFail('ErrorMoveDistinguishedFolder');
    if (f.id === target.id || descendants(ctx.db, f).some((d) => d.id === target.id))
      throw new EwsFail('ErrorMoveCopyFailed', 'A folder cannot be moved or copied into itself.');
    if (siblingNamed(ctx.db, ctx.user.id, target.id, f.name, copy ? 0 : f.id)) throw new EwsFail('ErrorFolderExists');
    const made = copy
      ? await copyTree(ctx, f, target)
      : ctx.db.write(() => updateFolder(ctx.db, f.id, { parent_id: target.id }, ctx.now));
    return ok({ folders: [{ kind: folderKind(made.folder_class), folderId: ctx.ids.folder(made) }] });
  });
}

async function copyTree(ctx: Ctx, f: FolderRow, parent: FolderRow): Promise<FolderRow> {
  const made = ctx.db.write(() =>
    insertFolder(
      ctx.db,
      { user_id: ctx.user.id, parent_id: parent.id, name: f.name, folder_class: f.folder_class },
      ctx.now,
    ),
  );
  // Items in bounded steps, by row id, so a large folder never holds the event loop.
  for (let after = 0; ;) {
    const rows = itemsInFolderAfter(ctx.db, f.id, after, BULK_STEP);
    if (!rows.length) break;
    ctx.db.write(() => rows.forEach((r) => copyItem(ctx.db, r, made.id, ctx.now)));
    after = rows[rows.length - 1]!.id;
    await breathe();
  }
  for (const c of children(ctx.db, f)) await copyTree(ctx, c, made);
  return made;
}
