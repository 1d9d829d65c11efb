import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Attachment, ItemId } from '../types.js';
import { readId, writeId } from '../properties/ids.js';
import { readAttachment, writeAttachment } from '../properties/item.js';

const isAttachment = (c: XmlElement) =>
  c.uri === NS.t && (c.local === 'FileAttachment' || c.local === 'ItemAttachment');

/** The item an attachment changed, and its ChangeKey after the change (`RootItemId`, `RootItemChangeKey`). */
function readRoot(el: XmlElement | undefined): ItemId | undefined {
  const id = el?.attrs['RootItemId'];
  if (id === undefined) return undefined;
  const changeKey = el!.attrs['RootItemChangeKey'];
  return changeKey === undefined ? { id } : { id, changeKey };
}

const rootAttrs = (root: ItemId | undefined) => ({ RootItemId: root?.id, RootItemChangeKey: root?.changeKey });

/**
 * Adds attachments (files, or items given by properties or MIME) to an item that exists. One
 * response message per attachment, each with its new id; `rootItemId` carries the item's new
 * ChangeKey.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createattachment
 */
export interface CreateAttachmentRequest {
  parentItemId: ItemId;
  attachments: Attachment[];
}

export interface CreateAttachmentMessage {
  /** The new attachments: kind and id only. */
  attachments: Attachment[];
  rootItemId?: ItemId;
}

export const CreateAttachment: Operation<CreateAttachmentRequest, CreateAttachmentMessage> = {
  name: 'CreateAttachment',
  writeRequest(w, r) {
    writeId(w, 'm:ParentItemId', r.parentItemId);
    w.el('m:Attachments', undefined, () => r.attachments.forEach((a) => writeAttachment(w, a)));
  },
  readMessage(el) {
    const list = (child(el, NS.m, 'Attachments')?.children ?? []).filter(isAttachment);
    const ids = list.map((a) => child(a, NS.t, 'AttachmentId'));
    const out: Partial<CreateAttachmentMessage> = {
      attachments: list.map((a, i) => {
        const id = ids[i]?.attrs['Id'];
        return id === undefined
          ? { kind: a.local as Attachment['kind'] }
          : { kind: a.local as Attachment['kind'], attachmentId: id };
      }),
    };
    const root = readRoot(ids[0]);
    if (root) out.rootItemId = root;
    return out;
  },
};

/** CreateAttachment as a server reads its requests and writes its answers. */
export const CreateAttachmentServer: ServerOperation<CreateAttachmentRequest, CreateAttachmentMessage> = {
  name: 'CreateAttachment',
  readRequest(el) {
    const parentItemId = readId(child(el, NS.m, 'ParentItemId'));
    if (!parentItemId) throw new CodecError('unexpected', 'CreateAttachment has no ParentItemId');
    const attachments = (child(el, NS.m, 'Attachments')?.children ?? []).filter(isAttachment).map(readAttachment);
    if (!attachments.length) throw new CodecError('unexpected', 'CreateAttachment has no attachment');
    return { parentItemId, attachments };
  },
  writeMessage(w, m) {
    // AttachmentInfoResponseMessageType: Attachments is required, empty on an error.
    w.el('m:Attachments', undefined, () =>
      m.attachments?.forEach((a) =>
        w.el(`t:${a.kind}`, undefined, () =>
          w.empty('t:AttachmentId', { Id: a.attachmentId, ...rootAttrs(m.rootItemId) }),
        ),
      ),
    );
  },
};

/**
 * Removes attachments by id. One response message per id; `rootItemId` carries the item's new
 * ChangeKey.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/deleteattachment
 */
export interface DeleteAttachmentRequest {
  attachmentIds: string[];
}

export interface DeleteAttachmentMessage {
  rootItemId?: ItemId;
}

function writeAttachmentIds(w: XmlWriter, ids: string[]): void {
  w.el('m:AttachmentIds', undefined, () => ids.forEach((id) => w.empty('t:AttachmentId', { Id: id })));
}

export const DeleteAttachment: Operation<DeleteAttachmentRequest, DeleteAttachmentMessage> = {
  name: 'DeleteAttachment',
  writeRequest(w, r) {
    writeAttachmentIds(w, r.attachmentIds);
  },
  readMessage(el) {
    const root = readRoot(child(el, NS.m, 'RootItemId'));
    return root ? { rootItemId: root } : {};
  },
};

/** DeleteAttachment as a server reads its requests and writes its answers. */
export const DeleteAttachmentServer: ServerOperation<DeleteAttachmentRequest, DeleteAttachmentMessage> = {
  name: 'DeleteAttachment',
  readRequest(el) {
    const attachmentIds = (child(el, NS.m, 'AttachmentIds')?.children ?? [])
      .filter((c) => c.uri === NS.t && c.local === 'AttachmentId')
      .map((c) => {
        const id = c.attrs['Id'];
        if (id === undefined) throw new CodecError('unexpected', '<AttachmentId> has no Id');
        return id;
      });
    if (!attachmentIds.length) throw new CodecError('unexpected', 'DeleteAttachment has no AttachmentId');
    return { attachmentIds };
  },
  writeMessage(w, m) {
    // RootItemIdType requires both attributes.
    if (m.rootItemId?.changeKey !== undefined) w.empty('m:RootItemId', rootAttrs(m.rootItemId));
  },
};
