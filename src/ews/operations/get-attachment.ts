import { NS } from '../namespaces.js';
import { child, childText } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Attachment } from '../types.js';
import { readAttachment, writeAttachment } from '../properties/item.js';
import { readBool } from '../properties/scalars.js';

/**
 * Attachment content by id.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getattachment
 */
export interface GetAttachmentRequest {
  attachmentShape?: { includeMimeContent?: boolean; bodyType?: 'Best' | 'HTML' | 'Text' };
  attachmentIds: string[];
}

export interface GetAttachmentMessage {
  attachments: Attachment[];
}

export const GetAttachment: Operation<GetAttachmentRequest, GetAttachmentMessage> = {
  name: 'GetAttachment',
  writeRequest(w, r) {
    const shape = r.attachmentShape;
    if (shape)
      w.el('m:AttachmentShape', undefined, () =>
        w.leaf('t:IncludeMimeContent', shape.includeMimeContent).leaf('t:BodyType', shape.bodyType),
      );
    w.el('m:AttachmentIds', undefined, () => r.attachmentIds.forEach((id) => w.empty('t:AttachmentId', { Id: id })));
  },
  readMessage(el) {
    const list = child(el, NS.m, 'Attachments');
    if (!list) return {};
    return {
      attachments: list.children
        .filter((c) => c.uri === NS.t && (c.local === 'FileAttachment' || c.local === 'ItemAttachment'))
        .map(readAttachment),
    };
  },
};

/**
 * The file name an attachment is saved and forwarded under. An attached message (ItemAttachment)
 * is named after its subject and saved as its MIME source (`IncludeMimeContent`): an .eml file.
 */
export function attachmentFileName(a: Pick<Attachment, 'kind' | 'name'>): string {
  if (a.kind === 'FileAttachment') return a.name || 'attachment';
  const name = a.name || 'message';
  return /\.eml$/i.test(name) ? name : `${name}.eml`;
}

/** GetAttachment as a server reads its requests and writes its answers. */
export const GetAttachmentServer: ServerOperation<GetAttachmentRequest, GetAttachmentMessage> = {
  name: 'GetAttachment',
  readRequest(el) {
    const r: GetAttachmentRequest = {
      attachmentIds: (child(el, NS.m, 'AttachmentIds')?.children ?? [])
        .filter((c) => c.uri === NS.t && c.local === 'AttachmentId')
        .map((c) => {
          const id = c.attrs['Id'];
          if (id === undefined) throw new CodecError('unexpected', '<AttachmentId> has no Id');
          return id;
        }),
    };
    const shape = child(el, NS.m, 'AttachmentShape');
    if (shape) {
      const mime = readBool(childText(shape, NS.t, 'IncludeMimeContent'));
      const bodyType = childText(shape, NS.t, 'BodyType');
      r.attachmentShape = {};
      if (mime !== undefined) r.attachmentShape.includeMimeContent = mime;
      if (bodyType) r.attachmentShape.bodyType = bodyType as 'Best';
    }
    return r;
  },
  writeMessage(w, m) {
    w.el('m:Attachments', undefined, () => m.attachments?.forEach((a) => writeAttachment(w, a)));
  },
};
