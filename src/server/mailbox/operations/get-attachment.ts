import type { GetAttachmentMessage, GetAttachmentRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { attachmentWithContent } from '../store/attachments.js';
import { itemByRow } from '../store/items.js';
import { attachmentContent, attachmentView } from '../view/attachment-view.js';
import { eachAsync, ok } from './each.js';

/**
 * GetAttachment: the content of each attachment, by id, one response message per id. An
 * attached message comes as an ItemAttachment holding the message (and its MIME source when
 * the shape asks for it).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getattachment-operation
 */
export function getAttachments(ctx: Ctx, req: GetAttachmentRequest): Promise<Response<GetAttachmentMessage>[]> {
  return eachAsync(req.attachmentIds, async (id) => {
    const d = ctx.ids.decode('attachment', id);
    if (d === 'malformed') throw new EwsFail('ErrorInvalidIdMalformed');
    if (d === 'foreign') throw new EwsFail('ErrorItemNotFound');
    const a = attachmentWithContent(ctx.db, d.row);
    const owner = a && itemByRow(ctx.db, a.item_id);
    // An id from before its message moved names an item that is no longer there, as in Exchange.
    if (!a || !owner || owner.user_id !== ctx.user.id || owner.gen !== d.gen) throw new EwsFail('ErrorItemNotFound');
    // The id as asked (an older form of it stays the client's key).
    const view = { ...attachmentView(ctx, a, d.gen), attachmentId: id };
    return ok({ attachments: [await attachmentContent(view, a.content, req.attachmentShape)] });
  });
}
