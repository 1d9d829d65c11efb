import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { CodecError, type CodecErrorKind } from '../errors.js';
import { DEFAULT_LIMITS, parseXml, type XmlLimits } from './read.js';

/** Parses `xml` and returns the CodecError it must throw (anything else fails the test). */
function refusal(xml: string, limits?: XmlLimits): CodecError {
  try {
    parseXml(xml, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    return e as CodecError;
  }
  throw new Error('parseXml accepted the document');
}
const expectRefused = (xml: string, kind: CodecErrorKind, message: RegExp, limits?: XmlLimits) => {
  const e = refusal(xml, limits);
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(message);
};

describe('parseXml', () => {
  it('reads elements by namespace URI and local name, whatever the prefix', () => {
    const root = parseXml(
      '<a:r xmlns:a="urn:a" xmlns="urn:d" x="1" a:y="2"><c>t<!-- no -->e<![CDATA[<x>&amp;]]>xt</c><a:c/></a:r>',
    );
    expect(root).toMatchObject({ uri: 'urn:a', local: 'r', attrs: { x: '1', 'a:y': '2' } });
    expect(root.children.map((c) => [c.uri, c.local])).toEqual([
      ['urn:d', 'c'],
      ['urn:a', 'c'],
    ]);
    // Namespace declarations are not attributes; CDATA is text, taken literally.
    expect(Object.keys(root.attrs)).toEqual(['x', 'a:y']);
    expect(root.children[0]!.text).toBe('te<x>&amp;xt');
  });

  it('decodes the five predefined entities and character references exactly once', () => {
    const root = parseXml('<a t="&quot;&#x9;&#10;&#13;">&lt;&gt;&amp;&apos;&quot;&amp;lt;&#x1F600;&#65;</a>');
    expect(root.text).toBe(`<>&'"&lt;😀A`);
    expect(root.attrs['t']).toBe('"\t\n\r');
  });

  describe('refuses malformed XML, naming the problem', () => {
    it.each([
      ['a mismatched end tag', '<a><b></a>', /malformed XML: unexpected close tag/],
      ['an unclosed element', '<a><b></b>', /malformed XML: unclosed tag: a/],
      ['a truncated start tag', '<s:Envelope xmlns:s="urn:s"><s:Bo', /malformed XML/],
      ['a truncated attribute', '<a b="1', /malformed XML/],
      ['two roots', '<a/><b/>', /malformed XML: documents may contain only one root/],
      ['text outside the root', '<a/>junk', /malformed XML: text data outside of root node/],
      ['an unbound prefix', '<x:a/>', /malformed XML: unbound namespace prefix: "x"/],
      ['a duplicate attribute', '<a b="1" b="2"/>', /malformed XML: duplicate attribute/],
      // saxes reads an entity name up to the next `;`, so the end tag goes with it.
      ['a bare ampersand', '<a>fish & chips</a>', /malformed XML: unclosed tag: a/],
      ['a raw control character', '<a>\u0001</a>', /malformed XML: disallowed character/],
      ['U+FFFF', '<a>\uffff</a>', /malformed XML: disallowed character/],
      ['a reference to a character XML forbids', '<a>&#0;</a>', /malformed XML: malformed character entity/],
      ['nothing at all', '', /malformed XML: document must contain a root element/],
      ['JSON', '{"error":"busy"}', /malformed XML/],
    ])('%s', (_, xml, message) => {
      expectRefused(xml, 'malformed-xml', message);
    });

    it('at every point where a real response could be cut off', () => {
      const xml =
        '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:R xmlns:m="urn:m"><m:T a="&amp;">x &lt; y</m:T></m:R></s:Body></s:Envelope>';
      for (let cut = 0; cut < xml.length; cut++) {
        const e = refusal(xml.slice(0, cut));
        expect(e.kind, `cut at ${cut}`).toBe('malformed-xml');
      }
    });
  });

  describe('never expands an entity', () => {
    it('refuses a DOCTYPE', () => {
      expectRefused('<!DOCTYPE a><a/>', 'forbidden-dtd', /DOCTYPE/);
    });

    it('refuses an internal entity declaration before its first use', () => {
      expectRefused('<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>', 'forbidden-dtd', /entity declaration/);
    });

    it('refuses a billion-laughs document at once', () => {
      const decls = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${decls.join('')}]><lolz>&lol9;</lolz>`;
      expect(xml.length).toBeLessThan(1200);
      expectRefused(xml, 'forbidden-dtd', /DOCTYPE/);
    });

    it('refuses an external entity (XXE) without reading anything', () => {
      expectRefused('<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>', 'forbidden-dtd', /DOCTYPE/);
      expectRefused('<!DOCTYPE a SYSTEM "http://127.0.0.1:9/evil.dtd"><a/>', 'forbidden-dtd', /DOCTYPE/);
    });

    it('refuses a DOCTYPE hidden behind the XML declaration, comments and a processing instruction', () => {
      expectRefused('<?xml version="1.0"?><!-- hi --><?pi x?>\n<!DOCTYPE a><a/>', 'forbidden-dtd', /DOCTYPE/);
    });

    it('would not expand a declared entity even if the DOCTYPE got through (saxes ignores declarations)', () => {
      const parser = new SaxesParser({ xmlns: true });
      let text = '';
      parser.on('text', (t) => (text += t));
      const xml = '<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>';
      expect(() => parser.write(xml).close()).toThrow(/undefined entity/);
      expect(text).not.toContain('expanded');
    });

    it('refuses undeclared entities in text and in attributes (saxes knows only the five predefined)', () => {
      expectRefused('<a>&nbsp;</a>', 'malformed-xml', /undefined entity/);
      expectRefused('<a b="&xxe;"/>', 'malformed-xml', /undefined entity/);
      expectRefused('<a>&lol9;</a>', 'malformed-xml', /undefined entity/);
    });
  });

  describe('bounds what a document may cost', () => {
    it('refuses nesting 100,000 deep without recursion', () => {
      const xml = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
      expectRefused(xml, 'too-deep', /nested deeper than 256 elements/);
    });

    it('accepts nesting up to the limit', () => {
      const depth = DEFAULT_LIMITS.maxDepth;
      let el = parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth));
      let levels = 1;
      for (; el.children[0]; levels++) el = el.children[0];
      expect(levels).toBe(depth);
    });

    it('refuses 20,000 attributes on one element', () => {
      const attrs = Array.from({ length: 20_000 }, (_, i) => ` a${i}="${i}"`).join('');
      expectRefused(`<a${attrs}/>`, 'too-many-attributes', /<a> has more than 256 attributes/);
    });

    it('counts namespace declarations as attributes', () => {
      const decls = Array.from({ length: 300 }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join('');
      expectRefused(`<a${decls}/>`, 'too-many-attributes', /more than 256 attributes/);
    });

    it('refuses more elements than the limit', () => {
      const xml = `<a>${'<b/>'.repeat(1001)}</a>`;
      expectRefused(xml, 'too-many-elements', /more than 1000 XML elements/, { ...DEFAULT_LIMITS, maxElements: 1000 });
      expect(parseXml(xml, { ...DEFAULT_LIMITS, maxElements: 1002 }).children).toHaveLength(1001);
    });

    it('refuses a document over the size limit before parsing it', () => {
      const limits = { ...DEFAULT_LIMITS, maxLength: 1000 };
      // Not even well-formed: the size is checked first.
      expectRefused(
        `<a>${'x'.repeat(1000)}`,
        'too-large',
        /XML document of 1003 characters exceeds the limit of 1000/,
        limits,
      );
      expect(parseXml(`<a>${'x'.repeat(990)}</a>`, limits).text).toHaveLength(990);
    });

    it('refuses a flood of numeric character references before parsing it', () => {
      const flood = `<a>${'&#65;'.repeat(2_000_001)}</a>`;
      expectRefused(flood, 'too-many-references', /more than 2000000 numeric character references/);
      const limits = { ...DEFAULT_LIMITS, maxCharRefs: 10 };
      expectRefused(`<a b="&#9;">${'&#xD;'.repeat(10)}</a>`, 'too-many-references', /more than 10/, limits);
      expect(parseXml(`<a>${'&#xD;'.repeat(10)}</a>`, limits).text).toBe('\r'.repeat(10));
    });

    it('lets named entities through in any number: every HTML body is full of them', () => {
      expect(parseXml(`<a>${'&lt;p&gt;'.repeat(100_000)}</a>`).text).toHaveLength(300_000);
    });
  });
});
