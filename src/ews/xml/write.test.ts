import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeText, xmlSafe, XmlWriter } from './write.js';
import { parseXml } from './read.js';

describe('xmlSafe', () => {
  it('replaces each character XML 1.0 cannot carry with U+FFFD', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh',
    );
    expect(xmlSafe('lone \ud800 and \udc00, reversed \udc00\ud800')).toBe(
      'lone \ufffd and \ufffd, reversed \ufffd\ufffd',
    );
  });

  it('keeps tab, LF, CR, surrogate pairs and everything else', () => {
    const s = '\t\n\r 😀 \u0085\u2028\u007f\u00a0\ud7ff\ue000\ufffd \u{10ffff}';
    expect(xmlSafe(s)).toBe(s);
  });
});

describe('escaping', () => {
  it('escapes markup in text, and CR so that the reader does not fold CRLF', () => {
    expect(escapeText('<a> & ]]> "q"\r\n\t')).toBe('&lt;a&gt; &amp; ]]&gt; "q"&#xD;\n\t');
  });

  it('escapes quotes and all whitespace but space in attributes, which readers would normalise', () => {
    expect(escapeAttr('<"\'&>\t\n\r ')).toBe("&lt;&quot;'&amp;&gt;&#x9;&#xA;&#xD; ");
  });

  it('writes what the reader reads back exactly', () => {
    const value = 'x <y> & "z"\r\n\t]]> 😀';
    const xml = new XmlWriter()
      .el('a', { v: value }, (w) => w.leaf('b', value).empty('c', { n: 3, t: true, u: undefined }))
      .toString();
    expect(xml).toBe(
      '<a v="x &lt;y&gt; &amp; &quot;z&quot;&#xD;&#xA;&#x9;]]&gt; 😀"><b>x &lt;y&gt; &amp; "z"&#xD;\n\t]]&gt; 😀</b><c n="3" t="true"/></a>',
    );
    const root = parseXml(xml);
    expect(root.attrs['v']).toBe(value);
    expect(root.children[0]!.text).toBe(value);
    expect(root.children[1]!.attrs).toEqual({ n: '3', t: 'true' });
  });

  it('writes nothing for an undefined leaf and an empty element for an empty string', () => {
    expect(new XmlWriter().leaf('a', undefined).leaf('b', '').toString()).toBe('<b></b>');
  });
});
