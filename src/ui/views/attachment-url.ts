import type { AttachmentMeta } from '../../db/index.js';

/**
 * The mail server's attachment, fetched by the Tern server (GetAttachment); a download, never shown
 * inline. The message's id (as it is now) and the size let the server find the attachment again
 * when the id stored with the body went stale because the message moved.
 */
export function attachmentUrl(a: AttachmentMeta, messageId: string): string {
  const q = new URLSearchParams({ name: a.name, item: messageId, size: String(a.size) });
  return `/attachments/${encodeURIComponent(a.id)}?${q}`;
}

/** The message itself as the server holds it (its MIME source), an .eml file named by its subject. */
export function messageUrl(messageId: string, subject: string): string {
  return `/api/message/${encodeURIComponent(messageId)}?${new URLSearchParams({ name: subject })}`;
}
