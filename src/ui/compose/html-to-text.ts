import type { TrustedTypePolicyFactory } from 'trusted-types/lib';

// Trusted Types (SECURITY.md §10.1): DOMParser is an HTML sink like any other under the app's CSP.
// This policy serves only the two readers below, whose documents stay inert and detached: nothing
// in them runs or loads, and only their text (and the marks a draft kept) comes out.
const inert = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes?.createPolicy('tern-inert', {
  createHTML: (html) => html,
});

function inertDocument(html: string): Document {
  return new DOMParser().parseFromString((inert?.createHTML(html) ?? html) as string, 'text/html');
}

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
  const doc = inertDocument(html);
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
  return tidy(out);
}

/** Each line trimmed, at most one empty line in a row, none at either end. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// What the composer's marks can say again (format-body.ts): anything else in a draft is formatting
// that editing here would lose, and the composer says so.
const KEPT = new Set(['BODY', 'DIV', 'P', 'BR', 'SPAN', 'B', 'STRONG', 'I', 'EM', 'A', 'UL', 'LI', 'BLOCKQUOTE']);
const LINK = /^(?:https?|mailto):/i;
// Stands for "a block starts or ends here": a line break, unless the text is at a line's start.
const EDGE = '\u0000';

/**
 * A draft's HTML as the composer's text, with its marks: **bold**, _italic_, "- " list items,
 * "> " quotes and [text](address) links, so a draft written here comes back as it was typed.
 * `lost` says the HTML had more (styles, fonts, colours, tables, pictures) than that.
 */
export function draftText(html: string): { text: string; lost: boolean } {
  const doc = inertDocument(html);
  let lost = false;
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.nodeName)) return '';
    const el = node as Element;
    const name = el.nodeName;
    if (!KEPT.has(name) || el.hasAttribute('style')) lost = true;
    if (name === 'BR') return '\n';
    const inner = [...el.childNodes].map(walk).join('');
    const bare = inner.trim();
    // The marked text in place of the element's, keeping the spaces it had at either end.
    const spaced = (marked: string) => `${inner.startsWith(' ') ? ' ' : ''}${marked}${inner.endsWith(' ') ? ' ' : ''}`;
    const around = (mark: string) => (bare && !/[\n\0]/.test(bare) ? spaced(`${mark}${bare}${mark}`) : inner);
    switch (name) {
      case 'B':
      case 'STRONG':
        return around('**');
      case 'I':
      case 'EM':
        return around('_');
      case 'A': {
        const href = el.getAttribute('href') ?? '';
        const shown = href.replace(/^mailto:/i, '');
        if (!LINK.test(href) || !bare || bare === shown || bare === href) return inner;
        // [text](address) when both can be written so; marks inside a link's text are not kept.
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (/^[^\]\n]+$/.test(text) && /^[^\s()<>"]+$/.test(href)) {
          if (text !== bare) lost = true;
          return spaced(`[${text}](${href})`);
        }
        return `${inner} <${shown}>`;
      }
      case 'LI':
        return `${EDGE}- ${lines(inner)}${EDGE}`;
      case 'BLOCKQUOTE':
        return `${EDGE}${lines(inner)
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}${EDGE}`;
    }
    return BLOCK.has(name) ? `${EDGE}${inner}${EDGE}` : inner;
  };
  return { text: lines(walk(doc.body)), lost };
}

/** Text with block edges made line breaks, then tidied. */
function lines(text: string): string {
  let out = '';
  for (const c of text)
    if (c !== EDGE) out += c;
    else if (out !== '' && !out.endsWith('\n')) out += '\n';
  return tidy(out);
}
