// Where mail programs put the message a reply quotes. Gmail wraps it (attribution and quote) in
// div.gmail_quote; Apple Mail and Thunderbird quote in blockquote[type=cite], Thunderbird after a
// div.moz-cite-prefix; Outlook starts it with div#divRplyFwdMsg (or #appendonsend, or
// div.OutlookMessageHeader), the answered message following as its siblings. DOMPurify has
// prefixed ids with "user-content-" by the time this runs.
const WRAPPED = 'div.gmail_quote, blockquote[type="cite"]';
const STARTS = '[id$="divRplyFwdMsg"], [id$="appendonsend"], div.OutlookMessageHeader';

/** Whether `node` shows nothing: blank text, a comment, or an element without text or picture. */
function blank(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return !node.textContent?.trim();
  if (node.nodeType !== Node.ELEMENT_NODE) return true;
  const el = node as Element;
  return !el.textContent?.trim() && !el.matches('img, table, hr') && !el.querySelector('img, table');
}

/** Whether nothing after `node`, up to the end of `root`, shows anything. */
function lastInside(node: Node, root: Node): boolean {
  for (let n: Node | null = node; n && n !== root; n = n.parentNode)
    for (let s = n.nextSibling; s; s = s.nextSibling) if (!blank(s)) return false;
  return true;
}

/** Whether anything before `start`, in document order, shows: words or a picture. */
function writtenBefore(root: DocumentFragment, start: Node): boolean {
  const walk = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n && n !== start; n = walk.nextNode()) {
    if (start.contains(n)) break;
    if (n.nodeType === Node.TEXT_NODE ? !!n.textContent?.trim() : (n as Element).matches('img')) return true;
  }
  return false;
}

/** The nodes to fold for one candidate, first to last; undefined when it is not the message's end. */
function tailFrom(el: Element, root: DocumentFragment): Node[] | undefined {
  if (el.matches(WRAPPED)) {
    if (!lastInside(el, root)) return undefined;
    // The line that says who wrote it goes with the quote.
    const before = el.previousElementSibling;
    const intro = before?.matches('.moz-cite-prefix, .gmail_attr') || before?.textContent?.trim().endsWith(':');
    return intro && before ? [before, el] : [el];
  }
  const parent = el.parentNode;
  if (!parent || !lastInside(parent, root)) return undefined;
  const nodes: Node[] = [];
  const rule = el.previousElementSibling;
  if (rule?.matches('hr')) nodes.push(rule);
  for (let n: Node | null = el; n; n = n.nextSibling) nodes.push(n);
  return nodes;
}

/**
 * Folds the message an HTML reply quotes at its end under a `<details>` labelled `label`, as
 * Gmail and Outlook fold the history under a reply: a conversation reads as its new words. It
 * folds only the end (quotes answered in between stay), only a quote marked as such by the mail
 * program that wrote it, and nothing of a message that is all quote. The frame runs no script:
 * the disclosure is the browser's own. Returns whether it folded.
 */
export function foldQuotedTail(root: DocumentFragment, label: string): boolean {
  for (const el of root.querySelectorAll(`${WRAPPED}, ${STARTS}`)) {
    const nodes = tailFrom(el, root);
    if (!nodes || !writtenBefore(root, nodes[0]!)) continue;
    const doc = root.ownerDocument;
    const details = doc.createElement('details');
    details.className = 'tern-quoted';
    const summary = doc.createElement('summary');
    summary.textContent = label;
    nodes[0]!.parentNode!.insertBefore(details, nodes[0]!);
    details.append(summary, ...nodes);
    return true;
  }
  return false;
}
