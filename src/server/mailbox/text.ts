/** Plain text and HTML views of a body, and the preview EWS shows. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Readable text from HTML: blocks become line breaks, tags and comments go, entities decode. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** HTML for a plain-text body, as Exchange converts one: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  const body = text.replace(/[&<>"]/g, (c) => ESCAPES[c]!).replace(/\r?\n/g, '<br>\r\n');
  return `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n<div>${body}</div>\r\n</body>\r\n</html>\r\n`;
}

// "The first 256 characters of an item" (Exchange 2013+), whitespace folded.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/preview-ex15websvcsotherref
export function previewOf(text: string): string {
  const flat = text.slice(0, 4096).replace(/\s+/g, ' ').trim();
  // 256 characters, not UTF-16 units: never cut a surrogate pair in half.
  if (flat.length <= 256) return flat;
  return /[\uD800-\uDFFF]/.test(flat.slice(0, 512))
    ? Array.from(flat.slice(0, 512)).slice(0, 256).join('')
    : flat.slice(0, 256);
}
