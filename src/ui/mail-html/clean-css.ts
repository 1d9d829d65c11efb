// Everything CSS can fetch or run with. Checked on the text after CSS escapes are decoded, again and
// again until nothing changes, because `\5c 75rl(` decodes to `\75rl(` and that to `url(` (Proton's
// purify.ts does the same). https://www.w3.org/TR/css-syntax-3/#consume-escaped-code-point
const FORBIDDEN = /expression\s*\(|behaviou?r\s*:|-moz-binding|javascript:|vbscript:|livescript:/i;
const FETCHES: readonly RegExp[] = [
  /@import[^;]*;?/gi,
  /@font-face\s*\{[^}]*\}?/gi,
  /(?:-webkit-)?image-set\s*\([^)]*\)?/gi,
  /url\s*\([^)]*\)?/gi,
  /src\s*\([^)]*\)?/gi,
];
// Overlays that could paint over our own chrome (SECURITY.md §3 class 20).
const OVERLAY = /position\s*:\s*(?:fixed|sticky)|!\s*important/gi;

function decodeEscapes(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, hex: string) => {
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\ufffd'
        : String.fromCodePoint(code);
    })
    .replace(/\\([^\n\r\f0-9a-fA-F])/g, '$1');
}

function strip(css: string): string {
  return FETCHES.reduce((text, re) => text.replace(re, 'none'), css)
    .replace(OVERLAY, (m) => (m.startsWith('!') ? '' : 'position:static'))
    .trim();
}

/**
 * CSS from mail, made inert: decoded, with every fetch (`url()`, `@import`, `image-set()`,
 * `@font-face`) removed, fixed/sticky overlays and `!important` dropped, and the whole text emptied
 * when it holds script-like constructs. Decoding and removing repeat until nothing changes, since
 * each can reveal work for the other ("*" + "/!important*" + "/" becomes a comment once the
 * `!important` goes). The result is a fixed point, so sanitizing twice changes nothing.
 */
export function cleanCss(css: string): string {
  let text = css;
  for (let i = 0; i < 32; i++) {
    const decoded = decodeEscapes(text);
    if (FORBIDDEN.test(decoded)) return '';
    const next = strip(decoded);
    if (next === text) return next;
    text = next;
  }
  return '';
}
