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
