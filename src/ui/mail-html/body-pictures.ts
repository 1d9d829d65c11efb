import type { AttachmentMeta, BodyRow } from '../../db/index.js';

/** The key `cid:` references use: the Content-ID without its angle brackets. */
export const cidKey = (contentId: string) => contentId.replace(/^<|>$/g, '');

/**
 * The Content-ID a `cid:` URL names (RFC 2392: percent-encoded). A malformed escape is read as it
 * stands: a hostile mail must not break the reading of the rest.
 */
export function cidOfUrl(url: string): string {
  const raw = url.slice(4);
  try {
    return cidKey(decodeURIComponent(raw));
  } catch {
    return cidKey(raw);
  }
}

// The pictures a body shows: the reader's sanitizer lets a cid: URL through only as an image's
// src (a CSS background or a background attribute never shows), so only those count.
const CID_SRC = /(?<![\w-])src\s*=\s*["']?\s*(cid:[^\s"'<>]+)/gi;

/** The Content-IDs the body shows as pictures: none for a text body, which shows no picture. */
export function picturedIds(body: Pick<BodyRow, 'type' | 'content'> | undefined): Set<string> {
  if (body?.type !== 'html') return new Set();
  return new Set(Array.from(body.content.matchAll(CID_SRC), (m) => cidOfUrl(m[1]!)));
}

/**
 * The attachments a message lists as files: all but the pictures its body shows. A part marked
 * inline that the body never shows (an iPhone's photo under a text body, a draft's picture once
 * its words were saved as text) is listed, or nobody would ever see it.
 */
export function listedFiles<T extends Pick<AttachmentMeta, 'isInline' | 'contentId'>>(
  list: readonly T[],
  body: Pick<BodyRow, 'type' | 'content'> | undefined,
): T[] {
  const pictured = picturedIds(body);
  return list.filter((a) => !a.isInline || !a.contentId || !pictured.has(cidKey(a.contentId)));
}
