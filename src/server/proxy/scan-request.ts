import { CodecError, NS, type XmlLimits } from '../../ews/index.js';

/** What the proxy must know of a SOAP request before it forwards the request's bytes unchanged. */
export interface ScannedRequest {
  /** Local name of the one element in the SOAP Body, which is in the EWS messages namespace. */
  name: string;
  /** Local names of the SOAP Header's child elements, in order. */
  headers: string[];
}

// Names as XML 1.0 (fifth edition) §2.3 and Namespaces in XML 1.0 §3 define them, prefix and
// local part apart. A name that matches here and not in the upstream's parser only makes the
// upstream refuse the request; it can never make it read another operation.
// https://www.w3.org/TR/xml/#NT-NameStartChar  https://www.w3.org/TR/xml-names/#NT-QName
const START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const CHAR = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = `[${START}][${CHAR}]*`;
// Combining marks (U+0300–U+036F) are name characters by definition, not a misleading class.
// eslint-disable-next-line no-misleading-character-class
const QNAME_ANY = new RegExp(`(?:(${NCNAME}):)?(${NCNAME})`, 'uy');
// One attribute after its leading white space. A value may not hold '<' (XML §3.1, AttValue).
const ATTRIBUTE_TAIL = `[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^<"]*)"|'([^<']*)')`;
// eslint-disable-next-line no-misleading-character-class
const ATTRIBUTE_ANY = new RegExp(`(?:(${NCNAME}):)?(${NCNAME})${ATTRIBUTE_TAIL}`, 'uy');
// EWS names are ASCII: these match them several times faster, and the Unicode forms take over
// whenever a name goes on past them into other characters.
const ASCII_NCNAME = '[A-Z_a-z][A-Z_a-z0-9.-]*';
const QNAME_ASCII = new RegExp(`(?:(${ASCII_NCNAME}):)?(${ASCII_NCNAME})`, 'y');
const ATTRIBUTE_ASCII = new RegExp(`(?:(${ASCII_NCNAME}):)?(${ASCII_NCNAME})${ATTRIBUTE_TAIL}`, 'y');
const END_TAG_CLOSE = /[ \t\r\n]*>/y;
// Only version 1.0 and only UTF-8: the bytes go upstream as they are, and a declared encoding such
// as UTF-7 would let the upstream read tags where this scan read text.
const XML_DECL =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][\w.-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*\?>/y;
const REFERENCE = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Open {
  qname: string;
  /** Namespace declarations made on this element: prefix ('' for the default) → URI. */
  declared: Map<string, string> | undefined;
  role: 'envelope' | 'header' | 'body' | 'other';
}

/** `ascii` or, when the name may go on in other characters, `any`, matched at `at`; lastIndex is set on both. */
function matchAt(ascii: RegExp, any: RegExp, xml: string, at: number): RegExpExecArray | null {
  ascii.lastIndex = at;
  const m = ascii.exec(xml);
  if (m && xml.charCodeAt(ascii.lastIndex) < 0x80) {
    any.lastIndex = ascii.lastIndex;
    return m;
  }
  any.lastIndex = at;
  return any.exec(xml);
}

const malformed = (why: string) => new CodecError('malformed-xml', `malformed XML: ${why}`);
const notSoap = (why: string) => new CodecError('not-soap', why);

/**
 * Checks a SOAP request in one pass without building it, and says which operation it holds and
 * which SOAP headers it carries. Everything outside a start or end tag is skipped, not read: the
 * upstream reads the request, and this only has to agree with it on the document's structure.
 * (Values are read with the codec's parser, saxes, as everywhere else; a full parse of every
 * forwarded request cost the proxy about 0.1 ms, more than this whole scan.)
 *
 * So it refuses, with a `CodecError`, anything it does not fully understand: a DTD (no entities
 * can be declared, so none can be expanded), a declaration other than XML 1.0 in UTF-8, tags that
 * do not nest, a prefix without a namespace, an Envelope holding anything but an optional Header
 * and then a Body, and a Body holding anything but exactly one element in the EWS messages
 * namespace. Comments, CDATA and processing instructions are skipped whole, so a tag written inside
 * one is never taken for an element. Elements, nesting, attributes and length are bounded by `limits`.
 * @see https://www.w3.org/TR/2000/NOTE-SOAP-20000508/#_Toc478383494 (SOAP 1.1 §4, the Envelope)
 */
export function scanRequest(xml: string, limits: XmlLimits): ScannedRequest {
  if (xml.length > limits.maxLength)
    throw new CodecError(
      'too-large',
      `XML document of ${xml.length} characters exceeds the limit of ${limits.maxLength}`,
    );
  const stack: Open[] = [];
  const headers: string[] = [];
  let name: string | undefined;
  let root = false;
  let closed = false;
  // How far the Envelope's children have got.
  let part: 'none' | 'header' | 'body' = 'none';
  let elements = 0;
  let i = 0;
  XML_DECL.lastIndex = 0;
  const declaration = XML_DECL.exec(xml);
  if (declaration) {
    const encoding = declaration[3];
    if (encoding !== undefined && !/^utf-8$/i.test(encoding))
      throw malformed(`the request declares encoding "${encoding}"; send it as UTF-8`);
    i = XML_DECL.lastIndex;
  }
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    // Text is skipped, except where SOAP allows only white space: around and between the
    // Envelope's and the Body's children (the Header's children are headers, read upstream).
    if (textEnd > i && (stack.length < 2 || stack[stack.length - 1]!.role === 'body') && !blank(xml, i, textEnd))
      throw stack.length === 0 ? malformed('text outside the root element') : notSoap('text where SOAP allows none');
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        // "--" may not occur inside a comment (XML §2.5): the first "--" must be the end.
        if (end < 0 || xml.indexOf('--', lt + 4) !== end) throw malformed('a comment is not closed properly');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length < 2 || stack[stack.length - 1]!.role === 'body') throw notSoap('text where SOAP allows none');
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw malformed('a CDATA section is not closed');
        i = end + 3;
      } else if (/^<!(?:DOCTYPE|ENTITY)/i.test(xml.slice(lt, lt + 9))) {
        throw new CodecError('forbidden-dtd', 'XML with a DOCTYPE or entity declaration is refused');
      } else throw malformed(`unexpected "${xml.slice(lt, lt + 9)}"`);
    } else if (next === 0x3f /* ? */) {
      const m = matchAt(QNAME_ASCII, QNAME_ANY, xml, lt + 2);
      if (m && /^xml$/i.test(m[0]))
        throw malformed('an XML declaration must come first and say version 1.0 (and UTF-8, if anything)');
      if (!m || m[1] !== undefined) throw malformed('a processing instruction is not valid');
      const end = xml.indexOf('?>', QNAME_ANY.lastIndex);
      if (end < 0 || (end > QNAME_ANY.lastIndex && !blank(xml, QNAME_ANY.lastIndex, QNAME_ANY.lastIndex + 1)))
        throw malformed('a processing instruction is not closed properly');
      i = end + 2;
    } else if (next === 0x2f /* / */) {
      const m = matchAt(QNAME_ASCII, QNAME_ANY, xml, lt + 2);
      const open = stack.pop();
      if (!m || !open || m[0] !== open.qname) throw malformed(`</${m?.[0] ?? ''}> does not close an open element`);
      END_TAG_CLOSE.lastIndex = QNAME_ANY.lastIndex;
      if (!END_TAG_CLOSE.test(xml)) throw malformed(`</${m[0]}> is not closed with ">"`);
      i = END_TAG_CLOSE.lastIndex;
      if (stack.length === 0) closed = true;
    } else {
      if (closed) throw malformed('content after the root element');
      if (++elements > limits.maxElements)
        throw new CodecError('too-many-elements', `more than ${limits.maxElements} XML elements`);
      if (stack.length >= limits.maxDepth)
        throw new CodecError('too-deep', `XML nested deeper than ${limits.maxDepth} elements`);
      const m = matchAt(QNAME_ASCII, QNAME_ANY, xml, lt + 1);
      if (!m) throw malformed(`"${xml.slice(lt, lt + 20)}" does not start an element`);
      const [qname, prefix = '', local] = m as unknown as [string, string | undefined, string];
      const tag = readAttributes(xml, QNAME_ANY.lastIndex, qname, limits.maxAttributes);
      const uri = resolve(prefix, tag.declared, stack, qname);
      const parent = stack[stack.length - 1];
      const open: Open = { qname, declared: tag.declared, role: 'other' };
      if (!parent) {
        if (uri !== NS.soap || local !== 'Envelope')
          throw notSoap(`expected a SOAP 1.1 Envelope, found <${local}> in "${uri || 'no namespace'}"`);
        open.role = 'envelope';
        root = true;
      } else if (parent.role === 'envelope') {
        if (uri === NS.soap && local === 'Header' && part === 'none') part = open.role = 'header';
        else if (uri === NS.soap && local === 'Body' && part !== 'body') part = open.role = 'body';
        else throw notSoap(`<${qname}> is out of place: a SOAP Envelope holds an optional Header, then one Body`);
      } else if (parent.role === 'header') {
        headers.push(local);
      } else if (parent.role === 'body') {
        if (name !== undefined)
          throw notSoap('the SOAP Body holds more than one element: it must hold one EWS operation');
        if (uri !== NS.m) throw notSoap(`<${local}> is not in the EWS messages namespace`);
        name = local;
      }
      if (!tag.selfClosing) stack.push(open);
      else if (!parent) closed = true;
      i = tag.end;
    }
  }
  if (stack.length > 0) throw malformed(`<${stack[stack.length - 1]!.qname}> is not closed`);
  if (!root) throw malformed('no root element');
  if (part !== 'body') throw notSoap('the SOAP Envelope has no Body');
  if (name === undefined) throw notSoap('the SOAP Body is empty: it must hold one EWS operation');
  return { name, headers };
}

/** The rest of a start tag from `from` (just after its name): namespace declarations, where it ends. */
function readAttributes(xml: string, from: number, qname: string, maxAttributes: number) {
  let declared: Map<string, string> | undefined;
  let names: string[] | undefined;
  let i = from;
  for (;;) {
    let j = i;
    while (j < xml.length && isBlank(xml.charCodeAt(j))) j++;
    const c = xml.charCodeAt(j);
    if (c === 0x3e /* > */) return { declared, selfClosing: false, end: j + 1 };
    if (c === 0x2f /* / */ && xml.charCodeAt(j + 1) === 0x3e) return { declared, selfClosing: true, end: j + 2 };
    const m = j > i ? matchAt(ATTRIBUTE_ASCII, ATTRIBUTE_ANY, xml, j) : null;
    if (!m) throw malformed(`the start tag <${qname}> is not well-formed`);
    const [, prefix, local, double, single] = m as unknown as [string, string | undefined, string, string?, string?];
    const attribute = prefix === undefined ? local : `${prefix}:${local}`;
    names ??= [];
    if (names.includes(attribute)) throw malformed(`<${qname}> repeats the attribute ${attribute}`);
    if (names.push(attribute) > maxAttributes)
      throw new CodecError('too-many-attributes', `<${qname}> has more than ${maxAttributes} attributes`);
    if (prefix === 'xmlns' || (prefix === undefined && local === 'xmlns')) {
      const value = unescape(double ?? single!, qname);
      if (prefix === 'xmlns' && value === '') throw malformed(`<${qname}> declares the prefix ${local} as empty`);
      (declared ??= new Map()).set(prefix === undefined ? '' : local, value);
    }
    i = ATTRIBUTE_ANY.lastIndex;
  }
}

/** The namespace URI of `prefix` ('' for the default namespace) where an element opens. */
function resolve(prefix: string, own: Map<string, string> | undefined, stack: Open[], qname: string): string {
  const mine = own?.get(prefix);
  if (mine !== undefined) return mine;
  for (let k = stack.length - 1; k >= 0; k--) {
    const uri = stack[k]!.declared?.get(prefix);
    if (uri !== undefined) return uri;
  }
  if (prefix === '') return '';
  if (prefix === 'xml') return XML_NS;
  throw malformed(`<${qname}> uses the prefix ${prefix}, which is not declared`);
}

/** An attribute value with its references replaced; a reference to an undeclared entity is malformed. */
function unescape(value: string, qname: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (ref, dec?: string, hex?: string, named?: string) => {
    if (named) return PREDEFINED[named]!;
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
    if (!(code > 0 && code <= 0x10ffff)) throw malformed(`<${qname}> holds the reference "${ref}"`);
    return String.fromCodePoint(code);
  });
}

function blank(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isBlank(xml.charCodeAt(k))) return false;
  return true;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
