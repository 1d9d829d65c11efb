import { INLINE_MARK as INLINE, LIST_MARK as LIST, QUOTE_MARK as QUOTE } from '../../db/draft-marks.js';

// When any of the draft marks (src/db/draft-marks.ts) is used the message also gets an HTML part,
// where bare web and mail addresses become links too.

export function usesFormatting(text: string): boolean {
  // A bare address alone is no reason for an HTML part: every mail reader links it by itself.
  for (const m of text.matchAll(INLINE)) if (m[3] === undefined) return true;
  return text.split('\n').some((l) => LIST.test(l));
}

function inline(doc: Document, parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
    const el = doc.createElement(m[1] !== undefined ? 'strong' : m[2] !== undefined ? 'em' : 'a');
    // Only http(s) and mailto addresses match, so no other scheme can become a link.
    const href = m[3] ?? m[5];
    if (href !== undefined) el.setAttribute('href', href);
    el.textContent = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    parent.appendChild(el);
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
}

function blocks(doc: Document, parent: Node, lines: string[]): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(lines[i++]!.replace(QUOTE, ''));
      const q = doc.createElement('blockquote');
      blocks(doc, q, quoted);
      parent.appendChild(q);
    } else if (LIST.test(line)) {
      const ul = doc.createElement('ul');
      while (i < lines.length && LIST.test(lines[i]!)) {
        const li = doc.createElement('li');
        inline(doc, li, lines[i++]!.replace(LIST, ''));
        ul.appendChild(li);
      }
      parent.appendChild(ul);
    } else {
      const div = doc.createElement('div');
      if (line === '') div.appendChild(doc.createElement('br'));
      else inline(doc, div, line);
      parent.appendChild(div);
      i++;
    }
  }
}

/**
 * The HTML part for a formatted message, built as DOM nodes in an inert document (the user's text
 * only ever becomes text nodes) and serialized once; undefined for a plain message.
 */
export function formatBody(text: string): string | undefined {
  if (!usesFormatting(text)) return undefined;
  const doc = document.implementation.createHTMLDocument('');
  blocks(doc, doc.body, text.replace(/\r\n/g, '\n').split('\n'));
  return doc.body.innerHTML;
}
