import type { FolderId, ItemId } from '../../ews/index.js';
import type { Db } from './store/database.js';
import type { FolderRow, UserRow } from './store/rows.js';
import { decodeId, encodeChangeKey, encodeId, type IdKind, type IdResult } from './ids.js';

/** What every operation handler gets: the store, the caller and the time of the request. */
export interface Ctx {
  db: Db;
  user: UserRow;
  now: number;
  ids: Ids;
  /** Lower-case addresses of this mailbox's users (recipients here are MailboxType Mailbox). */
  locals: ReadonlySet<string>;
}

/** Id encoding bound to this mailbox. */
export interface Ids {
  item(row: { id: number; gen: number; change_num: number }): ItemId;
  folder(row: Pick<FolderRow, 'id' | 'change_num'>): FolderId;
  /** An attachment's id, bound to its item's generation (`gen`). */
  attachment(id: number, gen: number): string;
  decode(kind: IdKind, id: string): IdResult;
}

export function bindIds(instance: Buffer): Ids {
  return {
    item: (r) => ({ id: encodeId(instance, 'item', r.id, r.gen), changeKey: encodeChangeKey(r.change_num) }),
    folder: (r) => ({ id: encodeId(instance, 'folder', r.id), changeKey: encodeChangeKey(r.change_num) }),
    attachment: (id, gen) => encodeId(instance, 'attachment', id, gen),
    decode: (kind, id) => decodeId(instance, kind, id),
  };
}

/** EWS xs:dateTime in UTC without fractions, as Exchange writes item dates. */
export const ewsDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
