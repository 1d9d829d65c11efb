import type { ExtendedFieldURI } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { attachmentsWithContent } from '../store/attachments.js';
import { propsOf } from '../store/item-props.js';
import { deleteItem, itemBodies, itemByRow, moveItem, updateItem } from '../store/items.js';
import type { FolderRow, ItemRow } from '../store/rows.js';
import { recompose } from './compose-item.js';
import type { NewMessage } from './new-message.js';
import { sendMessage } from './send.js';

const ATTEMPTS = 3;

/**
 * Sends a draft (SendItem, or UpdateItem with a Send disposition): its MIME is composed again
 * from its properties with the time of sending, local recipients get it, others go to the
 * outgoing log, and the draft itself becomes the sent copy in `saveTo` (the same row moved, so
 * its extended properties — Tern's operation id — come along) or is deleted (SendOnly).
 * The draft is gone from Drafts afterwards: sending it again answers ErrorItemNotFound.
 * Composition is asynchronous; if the draft changed meanwhile, it is read and composed again.
 */
export async function sendDraft(ctx: Ctx, draft: { id: number; gen: number }, saveTo: FolderRow | null): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = itemByRow(ctx.db, draft.id);
    if (!row || row.user_id !== ctx.user.id || row.gen !== draft.gen) throw new EwsFail('ErrorItemNotFound');
    if (!row.is_draft) throw new EwsFail('ErrorInvalidItemForOperationSendItem', 'Only a draft can be sent.');
    const bodies = itemBodies(ctx.db, row.id)!;
    const props = propsOf(ctx.db, [row.id]);
    const mime = await recompose(row, bodies, props, attachmentsWithContent(ctx.db, row.id), ctx.user, ctx.now);
    const sent = ctx.db.write(() => {
      const now = itemByRow(ctx.db, draft.id);
      if (!now || now.gen !== row.gen || now.change_num !== row.change_num) return false;
      const msg: NewMessage = {
        values: { ...withoutIds(row), ...bodies, mime, size: mime.length, sent: ctx.now, is_draft: 0 },
        attachments: attachmentsWithContent(ctx.db, row.id).map(({ id: _id, item_id: _item, ...a }) => a),
        props: props.map((p) => ({
          key: p.key,
          field: JSON.parse(p.field) as ExtendedFieldURI,
          value: p.multi ? (JSON.parse(p.value) as string[]) : p.value,
        })),
      };
      sendMessage(ctx, msg, null);
      if (!saveTo) {
        deleteItem(ctx.db, row, ctx.now);
        return true;
      }
      updateItem(
        ctx.db,
        row,
        { is_draft: 0, is_read: 1, sent: ctx.now, received: ctx.now, mime, size: mime.length },
        ctx.now,
      );
      moveItem(ctx.db, itemByRow(ctx.db, row.id)!, saveTo.id, ctx.now);
      return true;
    });
    if (sent) return;
  }
  throw new EwsFail('ErrorIrresolvableConflict', 'The draft kept changing while it was being sent.');
}

function withoutIds(row: ItemRow) {
  const {
    id: _id,
    gen: _gen,
    user_id: _user,
    folder_id: _folder,
    created_num: _c,
    content_num: _n,
    read_num: _r,
    change_num: _x,
    article: _a,
    ...values
  } = row;
  return values;
}
