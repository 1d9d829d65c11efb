import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CodecError } from '../errors.js';
import type { XmlElement } from './node.js';

/** Bounds on what one document may cost to read; see SECURITY.md §5.4. */
export interface XmlLimits {
  /** Characters in the whole document. */
  maxLength: number;
  maxDepth: number;
  maxElements: number;
  /** Attributes on one element, namespace declarations included. */
  maxAttributes: number;
  /**
   * Numeric character references (`&#…;`) in the whole document; 2,000,000 when absent. A
   * reference costs the reader about five times what a plain character costs, and floods of them
   * are how entity-expansion limits were bypassed elsewhere (fast-xml-parser CVE-2026-33036).
   */
  maxCharRefs?: number;
}

// EWS pages are small (a 512-change IdOnly page is ~100 KB) but GetItem with MIME content or
// GetAttachment can carry tens of megabytes; callers that know better pass tighter limits.
// Exchange writes one `&#xD;` per line of an HTML body, so a legitimate page holds a few per KB.
export const DEFAULT_LIMITS: XmlLimits = {
  maxLength: 128 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 2_000_000,
  maxAttributes: 256,
  maxCharRefs: 2_000_000,
};

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
// Most EWS elements carry no attribute: they share one frozen empty record instead of each
// allocating its own (a 512-change page has thousands of elements).
const NO_ATTRS: Record<string, string> = Object.freeze({});
// Most elements are leaves too: they share one frozen empty list until a first child comes.
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/**
 * Parses a whole document into elements, namespace-aware (prefixes differ between servers and
 * clients: `s:`, `soap:`, `soap11:`, `SOAP-ENV:`, default namespaces). Refuses DTDs outright
 * (no entity expansion, no external fetches) and anything beyond `limits`.
 */
export function parseXml(xml: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  if (xml.length > limits.maxLength) {
    throw new CodecError(
      'too-large',
      `XML document of ${xml.length} characters exceeds the limit of ${limits.maxLength}`,
    );
  }
  const maxCharRefs = limits.maxCharRefs ?? DEFAULT_LIMITS.maxCharRefs!;
  if (countCharRefs(xml, maxCharRefs) > maxCharRefs) {
    throw new CodecError('too-many-references', `more than ${maxCharRefs} numeric character references`);
  }
  const parser = new SaxesParser({ xmlns: true, position: false, forceXMLVersion: true, defaultXMLVersion: '1.0' });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: CodecError | undefined;
  const fail = (e: CodecError): never => {
    failure ??= e;
    throw e;
  };

  parser.on('doctype', () =>
    fail(new CodecError('forbidden-dtd', 'XML with a DOCTYPE or entity declaration is refused')),
  );
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > limits.maxElements)
      fail(new CodecError('too-many-elements', `more than ${limits.maxElements} XML elements`));
    if (stack.length >= limits.maxDepth)
      fail(new CodecError('too-deep', `XML nested deeper than ${limits.maxDepth} elements`));
    let attrs = NO_ATTRS;
    let n = 0;
    for (const key in tag.attributes) {
      const a = tag.attributes[key]!;
      if (++n > limits.maxAttributes)
        fail(new CodecError('too-many-attributes', `<${tag.name}> has more than ${limits.maxAttributes} attributes`));
      if (a.uri === XMLNS_URI || a.name === 'xmlns') continue;
      if (attrs === NO_ATTRS) attrs = {};
      attrs[a.prefix ? a.name : a.local] = a.value;
    }
    const el: XmlElement = { uri: tag.uri, local: tag.local, attrs, children: NO_CHILDREN, text: '' };
    const parent = stack[stack.length - 1];
    if (!parent) root = el;
    else if (parent.children === NO_CHILDREN) (parent as { children: XmlElement[] }).children = [el];
    else parent.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(xml).close();
  } catch (e) {
    if (failure) throw failure;
    if (e instanceof CodecError) throw e;
    throw new CodecError('malformed-xml', `malformed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!root) throw new CodecError('malformed-xml', 'malformed XML: no root element');
  return root;
}

// Counts `&#` up to one past `max`: a scan at memory speed, before any parsing.
function countCharRefs(xml: string, max: number): number {
  let n = 0;
  for (let i = xml.indexOf('&#'); i >= 0 && n <= max; i = xml.indexOf('&#', i + 2)) n++;
  return n;
}
