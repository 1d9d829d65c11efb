import type { AttachmentMeta } from '../../db/index.js';

/** The server's attachment, streamed by the worker (GetAttachment); a download, never shown inline. */
export function attachmentUrl(a: AttachmentMeta): string {
  return `/attachments/${encodeURIComponent(a.id)}?name=${encodeURIComponent(a.name)}`;
}
