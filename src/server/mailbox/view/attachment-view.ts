import type { Attachment, GetAttachmentRequest, Item, Mailbox } from '../../../ews/index.js';
import { ewsDate, type Ctx } from '../context.js';
import { MimeError, parseMime } from '../mime/parse.js';
import type { Addr, AttachmentRow } from '../store/rows.js';
import { textToHtml } from '../text.js';

/**
 * An attached email is kept as the message/rfc822 part it came as; Exchange shows such a part as
 * an ItemAttachment (an embedded message), not as a file.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemattachment
 */
export const isAttachedMessage = (a: Pick<AttachmentRow, 'content_type'>) =>
  a.content_type.toLowerCase() === 'message/rfc822';

/** An attachment as GetItem, CreateItem and GetAttachment describe it, without its content. */
export function attachmentView(ctx: Ctx, a: AttachmentRow, gen: number): Attachment {
  const message = isAttachedMessage(a);
  const out: Attachment = {
    kind: message ? 'ItemAttachment' : 'FileAttachment',
    attachmentId: ctx.ids.attachment(a.id, gen),
    name: a.name,
  };
  // Exchange Online lists an ItemAttachment without a ContentType (sample 08).
  if (!message) out.contentType = a.content_type;
  if (a.content_id) out.contentId = a.content_id;
  if (a.content_location) out.contentLocation = a.content_location;
  out.size = a.size;
  // Exchange Online writes attachment times without the Z (sample 08).
  out.lastModifiedTime = ewsDate(a.modified).replace(/Z$/, '');
  out.isInline = !!a.is_inline;
  return out;
}

type Shape = NonNullable<GetAttachmentRequest['attachmentShape']>;

/**
 * The attachment with its content, as GetAttachment answers: a file's bytes, or the attached
 * message as an item: its MIME source when `IncludeMimeContent` asks for it (how clients save
 * or forward it as an .eml), and the properties a reader shows.
 */
export async function attachmentContent(view: Attachment, content: Buffer, shape: Shape = {}): Promise<Attachment> {
  if (view.kind === 'FileAttachment') return { ...view, content: content.toString('base64') };
  const item: Item = { kind: 'Message' };
  if (shape.includeMimeContent) item.mimeContent = content.toString('base64');
  try {
    const m = await parseMime(content);
    const box = (a: Addr): Mailbox => ({
      ...(a.name ? { name: a.name } : {}),
      emailAddress: a.email,
      routingType: 'SMTP',
    });
    item.itemClass = m.itemClass;
    item.subject = m.subject;
    const type = shape.bodyType ?? 'Best';
    item.body =
      type === 'Text' || (type === 'Best' && m.html === undefined)
        ? { bodyType: 'Text', value: m.text ?? '' }
        : { bodyType: 'HTML', value: m.html ?? textToHtml(m.text ?? '') };
    if (m.date !== undefined) item.dateTimeSent = ewsDate(m.date);
    item.hasAttachments = m.attachments.some((a) => !a.isInline);
    if (m.to.length) item.toRecipients = m.to.map(box);
    if (m.cc.length) item.ccRecipients = m.cc.map(box);
    // Sender is From unless the message names another (as Exchange fills PR_SENDER).
    const sender = m.sender ?? m.from;
    if (sender) item.sender = box(sender);
    if (m.from) item.from = box(m.from);
    if (m.messageId) item.internetMessageId = m.messageId;
  } catch (e) {
    // A part too broken to read still goes out as the bytes it is, when asked for them.
    if (!(e instanceof MimeError)) throw e;
    item.itemClass = 'IPM.Note';
    item.subject = view.name ?? '';
  }
  return { ...view, item };
}
