/** Reading and editing the top-level header block of a MIME message, byte-exact elsewhere. */

export interface Header {
  name: string;
  value: string;
}

/** Where the header block ends (the index of the blank line), or the whole length. */
function headerEnd(mime: Buffer): { end: number; sep: number } {
  const crlf = mime.indexOf('\r\n\r\n');
  const lf = mime.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf + 2, sep: 2 };
  if (lf >= 0) return { end: lf + 1, sep: 1 };
  return { end: mime.length, sep: 0 };
}

/** The top-level headers, unfolded, in order, duplicates kept (EWS InternetMessageHeaders). */
export function readHeaders(mime: Buffer): Header[] {
  const block = mime.subarray(0, headerEnd(mime).end).toString('utf8');
  const out: Header[] = [];
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({
      name: line.slice(0, colon).trim(),
      value: line
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    });
  }
  return out;
}

/** The message without the named top-level headers (Bcc must not reach the recipients). */
export function dropHeaders(mime: Buffer, names: readonly string[]): Buffer {
  const { end } = headerEnd(mime);
  const block = mime.subarray(0, end).toString('utf8');
  const drop = new Set(names.map((n) => n.toLowerCase()));
  const kept = block.split(/(?<=\n)(?![ \t])/).filter(
    (line) =>
      !drop.has(
        line
          .slice(0, Math.max(0, line.indexOf(':')))
          .trim()
          .toLowerCase(),
      ),
  );
  return Buffer.concat([Buffer.from(kept.join(''), 'utf8'), mime.subarray(end)]);
}

/** The message with a header added in front (a `Received`-style stamp, or a property as a header). */
export function prependHeader(mime: Buffer, name: string, value: string): Buffer {
  const eol = headerEnd(mime).sep === 1 ? '\n' : '\r\n';
  return Buffer.concat([Buffer.from(`${name}: ${value}${eol}`, 'utf8'), mime]);
}
