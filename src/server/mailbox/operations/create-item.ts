import type { CreateItemMessage, CreateItemRequest, Item, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { messageFromEws } from '../model/compose-item.js';
import { resolveFolder } from '../model/resolve.js';
import { saveMessage } from '../model/save.js';
import { sendMessage } from '../model/send.js';
import { attachmentsOf } from '../store/attachments.js';
import { folderByDistinguished } from '../store/folders.js';
import { itemByRow } from '../store/items.js';
import type { FolderRow } from '../store/rows.js';
import { attachmentView } from '../view/attachment-view.js';
import { itemKind } from '../view/item-kind.js';
import { eachAsync, failed, ok } from './each.js';

// Where an item goes when SavedItemFolderId is not given.
const HOME: Partial<Record<Item['kind'], string>> = { CalendarItem: 'calendar', Contact: 'contacts', Task: 'tasks' };

/**
 * CreateItem. SaveOnly stores the item (a draft, for a message) and answers its ItemId and
 * AttachmentIds (sample 12); SendAndSaveCopy sends it and keeps a copy in SavedItemFolderId
 * (Sent Items by default); SendOnly sends without a copy. Both send forms answer `<m:Items/>`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createitem-operation-email-message
 */
export async function createItems(ctx: Ctx, req: CreateItemRequest): Promise<Response<CreateItemMessage>[]> {
  const disposition = req.messageDisposition ?? 'SaveOnly';
  let saved: FolderRow | undefined;
  try {
    if (req.savedItemFolderId) saved = resolveFolder(ctx, req.savedItemFolderId);
  } catch (e) {
    const error = failed(e);
    return req.items.map(() => error);
  }
  return eachAsync(req.items, async (item) => {
    const message = item.kind === 'Message' || item.kind === 'Item';
    const msg = await messageFromEws(item, {
      user: ctx.user,
      now: ctx.now,
      draft: disposition === 'SaveOnly' && message,
    });
    if (disposition === 'SaveOnly' || !message) {
      const folder = saved ?? folderByDistinguished(ctx.db, ctx.user.id, HOME[item.kind] ?? 'drafts')!;
      const id = ctx.db.write(() => saveMessage(ctx.db, ctx.user.id, folder.id, msg, ctx.now).id);
      const row = itemByRow(ctx.db, id)!;
      // Ids only, as Exchange answers (sample 12).
      const attachments = attachmentsOf(ctx.db, [id]).map((a) => {
        const { kind, attachmentId } = attachmentView(ctx, a, row.gen);
        return { kind, attachmentId };
      });
      return ok({
        items: [
          { kind: itemKind(row.item_class), itemId: ctx.ids.item(row), ...(attachments.length ? { attachments } : {}) },
        ],
      });
    }
    const copyTo =
      disposition === 'SendAndSaveCopy' ? (saved ?? folderByDistinguished(ctx.db, ctx.user.id, 'sentitems')!) : null;
    ctx.db.write(() => sendMessage(ctx, msg, copyTo));
    return ok({ items: [] });
  });
}
