import type { AttachmentMeta } from '../../db/index.js';

/** The mail server's attachment, fetched by the Tern server (GetAttachment); a download, never shown inline. */
export function attachmentUrl(a: AttachmentMeta): string {
  return `/attachments/${encodeURIComponent(a.id)}?name=${encodeURIComponent(a.name)}`;
}
