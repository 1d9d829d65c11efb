/**
 * How much of a body the reader shows at first, in characters. Sanitizing and laying out mail
 * runs on the page's thread: a 1.2 MB HTML log took about 2 s to show in Chromium here, during
 * which the app stood still. Past this, the beginning shows, with a button for the rest, as Gmail
 * clips long messages ("View entire message", at 102 KB); nearly all mail people write fits.
 */
export const CLIP_CHARS = 256 * 1024;

/**
 * The beginning of a body longer than `limit`, cut after a tag (HTML) or a line (text) so that
 * no tag, entity or word is split where one ends close enough; undefined when it all fits.
 */
export function clipBody(content: string, type: 'html' | 'text', limit: number = CLIP_CHARS): string | undefined {
  if (content.length <= limit) return undefined;
  const end = content.lastIndexOf(type === 'html' ? '>' : '\n', limit - 1);
  let cut = end >= limit / 2 ? end + 1 : limit;
  // Never between the two halves of a character outside the BMP.
  const last = content.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return content.slice(0, cut);
}
