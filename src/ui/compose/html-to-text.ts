const BLOCK = new Set([
  'P',
  'DIV',
  'BR',
  'LI',
  'TR',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'UL',
  'OL',
  'HR',
]);
const SKIP = new Set(['STYLE', 'SCRIPT', 'HEAD', 'TITLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * The text of an HTML mail, for quoting in a reply. Parsed with DOMParser, whose documents are
 * inert (no script runs, nothing loads), and walked for text: markup never reaches the composer.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.nodeName)) return;
    const block = BLOCK.has(node.nodeName);
    if (block && !out.endsWith('\n')) out += '\n';
    if (node.nodeName === 'LI') out += '- ';
    node.childNodes.forEach(walk);
    if (block && !out.endsWith('\n')) out += '\n';
  };
  walk(doc.body);
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
