import { isDistinguished, type FolderRef, type ItemId } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { decodeChangeKey } from '../ids.js';
import { folderByDistinguished, folderById } from '../store/folders.js';
import { itemByRow } from '../store/items.js';
import type { FolderRow, ItemRow } from '../store/rows.js';

/**
 * The folder a FolderId or DistinguishedFolderId names, or the error Exchange answers for that
 * one id: ErrorFolderNotFound for a well-known name this mailbox lacks, ErrorItemNotFound for a
 * FolderId that is gone (as Exchange 2010 SP2 does, sample 04), ErrorInvalidIdMalformed.
 * A DistinguishedFolderId may name a mailbox (exchangelib always does): the caller's own resolves;
 * another local user's is refused, an unknown address does not exist.
 */
export function resolveFolder(ctx: Ctx, ref: FolderRef, gone = 'ErrorItemNotFound'): FolderRow {
  if (isDistinguished(ref)) {
    if (ref.mailbox !== undefined && ref.mailbox.trim().toLowerCase() !== ctx.user.address.toLowerCase())
      throw new EwsFail(ref.mailbox.includes('@') ? 'ErrorAccessDenied' : 'ErrorNonExistentMailbox');
    const f = folderByDistinguished(ctx.db, ctx.user.id, ref.distinguished.toLowerCase());
    if (!f) throw new EwsFail('ErrorFolderNotFound');
    return f;
  }
  const d = ctx.ids.decode('folder', ref.id);
  if (d === 'malformed') throw new EwsFail('ErrorInvalidIdMalformed');
  const f = d === 'foreign' ? undefined : folderById(ctx.db, d.row);
  if (!f || f.user_id !== ctx.user.id || f.deleted_num !== null) throw new EwsFail(gone);
  return f;
}

/** The item an ItemId names, or ErrorItemNotFound / ErrorInvalidIdMalformed for that id. */
export function resolveItem(ctx: Ctx, id: ItemId): ItemRow {
  const d = ctx.ids.decode('item', id.id);
  if (d === 'malformed') throw new EwsFail('ErrorInvalidIdMalformed');
  if (d === 'foreign') throw new EwsFail('ErrorItemNotFound');
  const row = itemByRow(ctx.db, d.row);
  if (!row || row.user_id !== ctx.user.id || row.gen !== d.gen) throw new EwsFail('ErrorItemNotFound');
  return row;
}

/** The modification number a ChangeKey carries; ErrorInvalidChangeKey when it is not one. */
export function changeKeyNum(key: string): number {
  const n = decodeChangeKey(key);
  if (n === undefined) throw new EwsFail('ErrorInvalidChangeKey');
  return n;
}
