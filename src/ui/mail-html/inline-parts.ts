import type { AttachmentMeta } from '../../db/index.js';
import { attachmentUrl } from '../views/attachment-url.js';
import { cidKey } from './body-pictures.js';

// Image types a data: URL may carry into the message frame (sanitize-mail.ts allows the same).
export const IMAGE = /^image\/(?:png|gif|jpe?g|webp|bmp)$/i;
// Inline images are logos and signatures; anything bigger is not worth holding as a data: URL.
const MAX_BYTES = 2 * 1024 * 1024;

/** Whether a part may show in the frame as a data: URL: a picture named by a Content-ID, not too big. */
const showable = (contentId: string | undefined, type: string, size: number) =>
  !!contentId && IMAGE.test(type) && size <= MAX_BYTES;

export function dataUrl(blob: Blob, type: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob([blob], { type }));
  });
}

/**
 * The `cid:` images of a message as data: URLs, keyed by Content-ID. Their bytes come from the
 * Tern server (`/attachments/…`, which asks GetAttachment: the page never talks SOAP); without a
 * connection the map is empty and those images stay blocked, as the reader says.
 */
export async function loadInlineParts(
  messageId: string,
  attachments: readonly AttachmentMeta[],
): Promise<Map<string, string>> {
  const parts = attachments.filter((a) => showable(a.contentId, a.contentType, a.size));
  const loaded = await Promise.all(
    parts.map(async (a) => {
      try {
        const res = await fetch(attachmentUrl(a, messageId), { credentials: 'same-origin' });
        if (!res.ok) return undefined;
        return [cidKey(a.contentId!), await dataUrl(await res.blob(), a.contentType)] as const;
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(loaded.filter((x) => x !== undefined));
}

/** The `cid:` images among parts already here (an attached email's), as data: URLs by Content-ID. */
export async function inlinePartsOf(
  parts: readonly { contentId?: string; type: string; bytes: ArrayBuffer }[],
): Promise<Map<string, string>> {
  const images = parts.filter((p) => showable(p.contentId, p.type, p.bytes.byteLength));
  const urls = await Promise.all(images.map((p) => dataUrl(new Blob([p.bytes]), p.type)));
  return new Map(images.map((p, i) => [cidKey(p.contentId!), urls[i]!]));
}
