// The composer writes plain text with a few conventions the toolbar inserts: **bold**, _italic_,
// "- " list items and "> " quotes; web and mail addresses become links. When any is used the
// message also gets an HTML part. An address ends before closing punctuation ("see https://x.").
const INLINE = /\*\*([^*\n]+)\*\*|(?<![\w])_([^_\n]+)_(?![\w])|((?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,;:!?)'\]])/g;
const LIST = /^[-*] /;
const QUOTE = /^> ?/;

export function usesFormatting(text: string): boolean {
  // A non-global copy: `test` on a global RegExp moves its lastIndex, which matchAll then inherits.
  return new RegExp(INLINE.source).test(text) || text.split('\n').some((l) => LIST.test(l));
}

function inline(doc: Document, parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
    const el = doc.createElement(m[1] !== undefined ? 'strong' : m[2] !== undefined ? 'em' : 'a');
    // Only http(s) and mailto addresses match, so no other scheme can become a link.
    if (m[3] !== undefined) el.setAttribute('href', m[3]);
    el.textContent = m[1] ?? m[2] ?? m[3]!;
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
