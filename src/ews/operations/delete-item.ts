import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { ItemId } from '../types.js';
import { readItemIds } from '../properties/ids.js';
import { readBool } from '../properties/scalars.js';
import { writeItemIds } from '../properties/lists.js';

export type DisposalType = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';
const DISPOSALS = new Set<string>(['HardDelete', 'SoftDelete', 'MoveToDeletedItems']);

export function readDisposal(v: string | undefined): DisposalType {
  if (!v || !DISPOSALS.has(v))
    throw new CodecError('unexpected', `DeleteType "${v ?? ''}" is not HardDelete, SoftDelete or MoveToDeletedItems`);
  return v as DisposalType;
}

/**
 * Deletes items. The response carries only the status, one message per id.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteitem
 */
export interface DeleteItemRequest {
  deleteType: DisposalType;
  sendMeetingCancellations?: 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';
  affectedTaskOccurrences?: 'AllOccurrences' | 'SpecifiedOccurrenceOnly';
  suppressReadReceipts?: boolean;
  itemIds: ItemId[];
}

export type DeleteItemMessage = Record<never, never>;

export const DeleteItem: Operation<DeleteItemRequest, DeleteItemMessage> = {
  name: 'DeleteItem',
  requestAttrs: (r) => ({
    DeleteType: r.deleteType,
    SendMeetingCancellations: r.sendMeetingCancellations,
    AffectedTaskOccurrences: r.affectedTaskOccurrences,
    SuppressReadReceipts: r.suppressReadReceipts,
  }),
  writeRequest(w, r) {
    writeItemIds(w, 'm:ItemIds', r.itemIds);
  },
  readMessage: () => ({}),
};

/** DeleteItem as a server reads its requests and writes its answers. */
export const DeleteItemServer: ServerOperation<DeleteItemRequest, DeleteItemMessage> = {
  name: 'DeleteItem',
  readRequest(el) {
    const r: DeleteItemRequest = {
      deleteType: readDisposal(el.attrs['DeleteType']),
      itemIds: readItemIds(child(el, NS.m, 'ItemIds')),
    };
    const cancel = el.attrs['SendMeetingCancellations'];
    const tasks = el.attrs['AffectedTaskOccurrences'];
    const suppress = readBool(el.attrs['SuppressReadReceipts']);
    if (cancel) r.sendMeetingCancellations = cancel as NonNullable<DeleteItemRequest['sendMeetingCancellations']>;
    if (tasks) r.affectedTaskOccurrences = tasks as NonNullable<DeleteItemRequest['affectedTaskOccurrences']>;
    if (suppress !== undefined) r.suppressReadReceipts = suppress;
    return r;
  },
  writeMessage() {},
};
