import type { GetAttachmentMessage, GetAttachmentRequest, Response } from '../../../ews/index.js';
import { ewsDate, type Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { attachmentWithContent } from '../store/attachments.js';
import { itemByRow } from '../store/items.js';
import { each, ok } from './each.js';

/**
 * GetAttachment: the content of each attachment, by id, one response message per id.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getattachment-operation
 */
export function getAttachments(ctx: Ctx, req: GetAttachmentRequest): Response<GetAttachmentMessage>[] {
  return each(req.attachmentIds, (id) => {
    const d = ctx.ids.decode('attachment', id);
    if (d === 'malformed') throw new EwsFail('ErrorInvalidIdMalformed');
    if (d === 'foreign') throw new EwsFail('ErrorItemNotFound');
    const a = attachmentWithContent(ctx.db, d.row);
    const owner = a && itemByRow(ctx.db, a.item_id);
    // An id from before its message moved names an item that is no longer there, as in Exchange.
    if (!a || !owner || owner.user_id !== ctx.user.id || owner.gen !== d.gen) throw new EwsFail('ErrorItemNotFound');
    const out: GetAttachmentMessage['attachments'][number] = {
      kind: 'FileAttachment',
      attachmentId: id,
      name: a.name,
      contentType: a.content_type,
      size: a.size,
      lastModifiedTime: ewsDate(a.modified).replace(/Z$/, ''),
      isInline: !!a.is_inline,
      content: a.content.toString('base64'),
    };
    if (a.content_id) out.contentId = a.content_id;
    return ok({ attachments: [out] });
  });
}
