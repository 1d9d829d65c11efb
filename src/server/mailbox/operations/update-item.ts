import type {
  ConflictResolution,
  ItemChangeDescription,
  Response,
  UpdateItemMessage,
  UpdateItemRequest,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { recompose } from '../model/compose-item.js';
import {
  clearExtended,
  clearField,
  emptyPatch,
  touches,
  writeExtended,
  writeField,
  type Patch,
} from '../model/patch.js';
import { propKey } from '../prop-key.js';
import { changeKeyNum, resolveFolder, resolveItem } from '../model/resolve.js';
import { sendDraft } from '../model/send-draft.js';
import { attachmentsWithContent } from '../store/attachments.js';
import { folderByDistinguished } from '../store/folders.js';
import { deleteProp, propsOf, setProp } from '../store/item-props.js';
import { itemBodies, itemByRow, updateItem } from '../store/items.js';
import type { FolderRow, ItemRow } from '../store/rows.js';
import { itemKind } from '../view/item-kind.js';
import { eachAsync, failed, ok } from './each.js';

const ATTEMPTS = 3;

/**
 * UpdateItem. The ChangeKey decides conflicts:
 * - AlwaysOverwrite applies the change whatever the ChangeKey, and works without one
 *   (Thunderbird and DavMail send none);
 * - NeverOverwrite fails with ErrorIrresolvableConflict unless the ChangeKey is current;
 * - AutoResolve needs a ChangeKey (ErrorChangeKeyRequiredForWriteOperations). A stale one still
 *   succeeds when what the client changes did not change since its ChangeKey: the read flag and
 *   everything else are tracked apart, so marking read an item whose flag was set elsewhere
 *   merges, while two clients both changing the read flag (or both editing) conflict.
 * The answer carries the item with its new ChangeKey. A draft whose MIME-borne properties change
 * gets its MIME composed again; a Send disposition sends the draft afterwards.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updateitem-operation
 */
export async function updateItems(ctx: Ctx, req: UpdateItemRequest): Promise<Response<UpdateItemMessage>[]> {
  const send = req.messageDisposition === 'SendOnly' || req.messageDisposition === 'SendAndSaveCopy';
  let saveTo: FolderRow | null = null;
  try {
    if (req.messageDisposition === 'SendAndSaveCopy')
      saveTo = req.savedItemFolderId
        ? resolveFolder(ctx, req.savedItemFolderId)
        : folderByDistinguished(ctx.db, ctx.user.id, 'sentitems')!;
  } catch (e) {
    const error = failed(e);
    return req.itemChanges.map(() => error);
  }
  return eachAsync<ItemChangeDescription, UpdateItemMessage>(req.itemChanges, async (change) => {
    const row = await apply(ctx, change, req.conflictResolution);
    if (send) {
      await sendDraft(ctx, row, saveTo);
      return ok({ items: [] });
    }
    return ok({ items: [{ kind: itemKind(row.item_class), itemId: ctx.ids.item(row) }], conflictCount: 0 });
  });
}

async function apply(ctx: Ctx, change: ItemChangeDescription, mode: ConflictResolution): Promise<ItemRow> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = resolveItem(ctx, change.itemId);
    const patch = patchOf(ctx, row, change);
    checkConflict(row, change.itemId.changeKey, mode, touches(patch));
    let mime: Buffer | undefined;
    if (patch.mime && row.is_draft) {
      const next = { ...row, ...patch.set } as ItemRow;
      const bodies = { ...itemBodies(ctx.db, row.id)!, ...pick(patch) };
      const props = propsOf(ctx.db, [row.id]).filter(
        (p) => !patch.unset.includes(p.key) && !patch.props.some((x) => x.key === p.key),
      );
      const merged = [
        ...props,
        ...patch.props.map((p) => ({
          item_id: row.id,
          key: p.key,
          field: JSON.stringify(p.field),
          value: Array.isArray(p.value) ? JSON.stringify(p.value) : p.value,
          multi: Array.isArray(p.value) ? 1 : 0,
        })),
      ];
      mime = await recompose(next, bodies, merged, attachmentsWithContent(ctx.db, row.id), ctx.user, ctx.now);
    }
    const done = ctx.db.write(() => {
      const current = itemByRow(ctx.db, row.id);
      if (!current || current.gen !== row.gen || current.change_num !== row.change_num) return undefined;
      for (const p of patch.props) setProp(ctx.db, row.id, p.key, JSON.stringify(p.field), p.value);
      for (const key of patch.unset) deleteProp(ctx.db, row.id, key);
      updateItem(ctx.db, row, mime ? { ...patch.set, mime, size: mime.length } : patch.set, ctx.now);
      return itemByRow(ctx.db, row.id)!;
    });
    if (done) return done;
  }
  throw new EwsFail('ErrorIrresolvableConflict', 'The item kept changing while it was being updated.');
}

function pick(p: Patch): Partial<{ body_text: string; body_html: string | null }> {
  const out: Partial<{ body_text: string; body_html: string | null }> = {};
  if (p.set.body_text !== undefined) out.body_text = p.set.body_text;
  if (p.set.body_html !== undefined) out.body_html = p.set.body_html;
  return out;
}

function patchOf(ctx: Ctx, row: ItemRow, change: ItemChangeDescription): Patch {
  const patch = emptyPatch(ctx.now);
  for (const u of change.updates) {
    if ('extended' in u.path) {
      const key = propKey(u.path.extended);
      if (u.kind === 'Delete') clearExtended(patch, u.path.extended);
      else {
        const given =
          u.item.extendedProperties?.find((e) => propKey(e.field) === key) ?? u.item.extendedProperties?.[0];
        if (!given)
          throw new EwsFail('ErrorInvalidPropertySet', 'The update names an extended property but carries no value.');
        writeExtended(patch, u.path.extended, given.value);
      }
    } else if ('fieldIndex' in u.path) {
      throw new EwsFail(
        'ErrorInvalidPropertySet',
        `The property ${u.path.fieldURI}[${u.path.fieldIndex}] cannot be set.`,
      );
    } else if (u.kind === 'Delete') clearField(patch, u.path.fieldURI);
    else writeField(patch, u.path.fieldURI, u.item, { ...row, ...patch.set } as ItemRow, u.kind === 'Append');
  }
  return patch;
}

function checkConflict(
  row: ItemRow,
  changeKey: string | undefined,
  mode: ConflictResolution,
  t: { read: boolean; content: boolean },
): void {
  if (mode === 'AlwaysOverwrite') return;
  if (changeKey === undefined) throw new EwsFail('ErrorChangeKeyRequiredForWriteOperations');
  const known = changeKeyNum(changeKey);
  if (known === row.change_num) return;
  if (mode === 'NeverOverwrite') throw new EwsFail('ErrorIrresolvableConflict');
  if ((t.read && row.read_num > known) || (t.content && row.content_num > known))
    throw new EwsFail('ErrorIrresolvableConflict');
}
