/**
 * A plain-text message split where the message it answers begins, when that is all its end: what
 * the sender wrote, and the quoted history under it, which the reader folds away as Gmail and
 * Outlook do, so that a conversation reads as its new words.
 */
export interface QuotedTail {
  written: string;
  quoted: string;
}

// Outlook's plain-text reply: a rule, then the answered message's header and its words, unquoted.
const OUTLOOK_RULE = /^\s*(-{3,}\s*(original message|message d'origine|ursprüngliche nachricht)\s*-{3,}|_{20,})\s*$/i;
const HEADER_LINE = /^\s*(from|de|von)\s*:/i;
const quotedLine = (line: string) => line.startsWith('>');

/**
 * The tail to fold: the last run of lines that are all quoted (">") or blank, with the line that
 * introduces it ("On Monday, Ada wrote:") when it ends with a colon; or everything from an
 * Outlook "Original Message" rule followed by a From line. Undefined when nothing was written
 * above it (a forward, a bare quote): all of it is then the message.
 */
export function splitQuotedTail(text: string): QuotedTail | undefined {
  const lines = text.split(/\r?\n/);
  let start = lines.findIndex((line, i) => OUTLOOK_RULE.test(line) && HEADER_LINE.test(lines[i + 1] ?? ''));
  if (start < 0) {
    let end = lines.length;
    while (end > 0 && lines[end - 1]!.trim() === '') end--;
    start = end;
    while (start > 0 && (quotedLine(lines[start - 1]!) || lines[start - 1]!.trim() === '')) start--;
    while (start < end && !quotedLine(lines[start]!)) start++;
    if (start >= end) return undefined;
    let above = start - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    if (above >= 0 && lines[above]!.trimEnd().endsWith(':')) start = above;
  }
  const written = lines.slice(0, start).join('\n').trimEnd();
  if (written.trim() === '') return undefined;
  return { written, quoted: lines.slice(start).join('\n').trimEnd() };
}
