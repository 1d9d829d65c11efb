export type TextPiece = { text: string } | { text: string; href: string };

// Candidates only: every match is re-checked with the URL parser and a protocol allow-list. Quotes
// and angle brackets end a link, so `http://x/?"onmouseover=…` links only `http://x/?`.
const CANDIDATE = /\b(?:https?:\/\/|www\.|mailto:)[^\s<>"'`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const TRAILING = /[.,;:!?'"»)\]}]+$/;
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

function trimTrailing(candidate: string): string {
  let text = candidate.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one inside the link (Wikipedia-style URLs).
  const rest = candidate.slice(text.length);
  if (rest.startsWith(')') && (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0)) text += ')';
  return text;
}

function toHref(text: string): string | undefined {
  const raw = /^www\./i.test(text) ? `https://${text}` : /^[\w.+-]+@/.test(text) ? `mailto:${text}` : text;
  try {
    const url = new URL(raw);
    return ALLOWED.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits plain text into text and links, for rendering as DOM nodes (a text node or an `<a>` built
 * by the framework), never as an HTML string.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const candidate = trimTrailing(match[0]);
    const href = candidate ? toHref(candidate) : undefined;
    if (!href) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ text: candidate, href });
    last = match.index + candidate.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
