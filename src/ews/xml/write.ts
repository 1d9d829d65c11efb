export type Attrs = Record<string, string | number | boolean | undefined>;

// Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other
// than tab, LF and CR; U+FFFE/U+FFFF; and lone surrogates. They become U+FFFD so the reader sees
// that something was there.  https://www.w3.org/TR/xml/#charsets
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
// In attributes, tab/LF/CR must be references too, or attribute-value normalisation turns them into spaces.
const ATTR_SPECIAL = /[&<>"\t\n\r]/g;
const REFS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};
const ref = (c: string) => REFS[c]!;

/** Replaces what XML 1.0 cannot represent; everything else survives a round trip unchanged. */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '\uFFFD');
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(TEXT_SPECIAL, ref);
}

export function escapeAttr(s: string): string {
  return xmlSafe(s).replace(ATTR_SPECIAL, ref);
}

/**
 * A small, append-only XML writer. Names carry their prefix (`m:`, `t:`); declare namespaces
 * with ordinary `xmlns:*` attributes. Callers emit elements in schema order.
 */
export class XmlWriter {
  private readonly out: string[] = [];

  open(name: string, attrs?: Attrs): this {
    this.out.push('<', name, attrString(attrs), '>');
    return this;
  }

  close(name: string): this {
    this.out.push('</', name, '>');
    return this;
  }

  empty(name: string, attrs?: Attrs): this {
    this.out.push('<', name, attrString(attrs), '/>');
    return this;
  }

  /** `<name>text</name>`; nothing at all when `value` is undefined. */
  leaf(name: string, value: string | number | boolean | undefined, attrs?: Attrs): this {
    if (value === undefined) return this;
    this.out.push('<', name, attrString(attrs), '>', escapeText(String(value)), '</', name, '>');
    return this;
  }

  /** Runs `body` between an open and a close tag. */
  el(name: string, attrs: Attrs | undefined, body: (w: this) => void): this {
    this.open(name, attrs);
    body(this);
    return this.close(name);
  }

  /** Appends markup that is already well-formed XML (from another writer). */
  raw(xml: string): this {
    this.out.push(xml);
    return this;
  }

  toString(): string {
    return this.out.join('');
  }
}

function attrString(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let s = '';
  for (const key in attrs) {
    const v = attrs[key];
    if (v !== undefined) s += ` ${key}="${escapeAttr(String(v))}"`;
  }
  return s;
}
