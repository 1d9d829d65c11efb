import type { Response, SendItemMessage, SendItemRequest } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { changeKeyNum, resolveFolder, resolveItem } from '../model/resolve.js';
import { sendDraft } from '../model/send-draft.js';
import { folderByDistinguished } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';
import { eachAsync, failed, ok } from './each.js';

/**
 * SendItem: sends drafts that exist. A stale ChangeKey answers ErrorStaleObject; a draft that
 * was sent already is no longer there and answers ErrorItemNotFound — what lets a client retry
 * a send it is unsure of without sending twice.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/senditem-operation
 */
export async function sendItems(ctx: Ctx, req: SendItemRequest): Promise<Response<SendItemMessage>[]> {
  let saveTo: FolderRow | null = null;
  try {
    if (req.saveItemToFolder)
      saveTo = req.savedItemFolderId
        ? resolveFolder(ctx, req.savedItemFolderId)
        : folderByDistinguished(ctx.db, ctx.user.id, 'sentitems')!;
  } catch (e) {
    const error = failed(e);
    return req.itemIds.map(() => error);
  }
  return eachAsync(req.itemIds, async (id) => {
    const row = resolveItem(ctx, id);
    if (id.changeKey !== undefined && changeKeyNum(id.changeKey) !== row.change_num)
      throw new EwsFail('ErrorStaleObject');
    await sendDraft(ctx, row, saveTo);
    return ok({});
  });
}
