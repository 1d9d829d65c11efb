import type {
  CreateAttachmentMessage,
  CreateAttachmentRequest,
  DeleteAttachmentMessage,
  DeleteAttachmentRequest,
  Response,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { attachmentPart, recompose } from '../model/compose-item.js';
import { attachmentValues } from '../model/new-message.js';
import { resolveItem } from '../model/resolve.js';
import {
  attachmentWithContent,
  attachmentsOf,
  attachmentsWithContent,
  deleteAttachment,
  insertAttachment,
} from '../store/attachments.js';
import { propsOf } from '../store/item-props.js';
import { itemBodies, itemByRow, updateItem } from '../store/items.js';
import type { AttachmentValues, ItemRow } from '../store/rows.js';
import { failed, ok } from './each.js';

const ATTEMPTS = 3;

/**
 * Adds and removes attachments of one item in one write: a draft's MIME is composed again with
 * its new list (as UpdateItem does for its words); any item gets a new ChangeKey, so the change
 * log and other clients see the change. Returns the item after, and the new attachments' rows.
 */
async function changeAttachments(
  ctx: Ctx,
  start: ItemRow,
  add: AttachmentValues[],
  remove: readonly number[],
): Promise<{ row: ItemRow; added: number[] }> {
  let row = start;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const mime = row.is_draft ? await draftMime(ctx, row, add, remove) : undefined;
    const done = ctx.db.write(() => {
      const current = itemByRow(ctx.db, row.id);
      if (!current || current.gen !== row.gen || current.change_num !== row.change_num) return undefined;
      for (const id of remove) deleteAttachment(ctx.db, id);
      const added = add.map((a) => insertAttachment(ctx.db, row.id, a));
      const has_attachments = attachmentsOf(ctx.db, [row.id]).some((a) => !a.is_inline) ? 1 : 0;
      updateItem(ctx.db, row, mime ? { has_attachments, mime, size: mime.length } : { has_attachments }, ctx.now);
      return { row: itemByRow(ctx.db, row.id)!, added };
    });
    if (done) return done;
    row = itemByRow(ctx.db, row.id) ?? row;
  }
  throw new EwsFail('ErrorIrresolvableConflict', 'The item kept changing while its attachments were changed.');
}

/** A draft's MIME composed again with its attachments changed: the one reader of their contents here. */
async function draftMime(ctx: Ctx, row: ItemRow, add: AttachmentValues[], remove: readonly number[]): Promise<Buffer> {
  const kept = attachmentsWithContent(ctx.db, row.id).filter((a) => !remove.includes(a.id));
  const added = add.map((a, i) => ({ ...a, id: -1 - i, item_id: row.id }));
  return recompose(row, itemBodies(ctx.db, row.id)!, propsOf(ctx.db, [row.id]), [...kept, ...added], ctx.user, ctx.now);
}

/**
 * CreateAttachment: files, or messages (as properties or MIME), added to an item that exists.
 * One response message per attachment, each with its new id and the item's new ChangeKey.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createattachment-operation
 */
export async function createAttachments(
  ctx: Ctx,
  req: CreateAttachmentRequest,
): Promise<Response<CreateAttachmentMessage>[]> {
  try {
    const row = resolveItem(ctx, req.parentItemId);
    const parts = await Promise.all(
      req.attachments.map(async (a) => {
        const part = await attachmentPart(a, { user: ctx.user, now: ctx.now, draft: false });
        if (!part) throw new EwsFail('ErrorInvalidRequest', 'An ItemAttachment needs the item it attaches.');
        // Exchange shows an attached message under its subject (see mime/parse.ts).
        if (a.kind === 'ItemAttachment') part.name = a.name || a.item?.subject || 'Message';
        return part;
      }),
    );
    const { row: after, added } = await changeAttachments(
      ctx,
      row,
      parts.map((p) => attachmentValues(p, ctx.now)),
      [],
    );
    const rootItemId = ctx.ids.item(after);
    return added.map((id, i) =>
      ok({
        attachments: [{ kind: req.attachments[i]!.kind, attachmentId: ctx.ids.attachment(id, after.gen) }],
        rootItemId,
      }),
    );
  } catch (e) {
    const error = failed(e) as Response<CreateAttachmentMessage>;
    return req.attachments.map(() => error);
  }
}

/**
 * DeleteAttachment: one response message per id, each with the item's ChangeKey after.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteattachment-operation
 */
export async function deleteAttachments(
  ctx: Ctx,
  req: DeleteAttachmentRequest,
): Promise<Response<DeleteAttachmentMessage>[]> {
  const out: Response<DeleteAttachmentMessage>[] = [];
  for (const id of req.attachmentIds) {
    try {
      const d = ctx.ids.decode('attachment', id);
      if (d === 'malformed') throw new EwsFail('ErrorInvalidIdMalformed');
      const a = d === 'foreign' ? undefined : attachmentWithContent(ctx.db, d.row);
      const owner = a && itemByRow(ctx.db, a.item_id);
      if (d === 'foreign' || !a || !owner || owner.user_id !== ctx.user.id || owner.gen !== d.gen)
        throw new EwsFail('ErrorItemNotFound');
      const { row } = await changeAttachments(ctx, owner, [], [a.id]);
      out.push(ok({ rootItemId: ctx.ids.item(row) }));
    } catch (e) {
      out.push(failed(e) as Response<DeleteAttachmentMessage>);
    }
  }
  return out;
}
