import { describe, expect, it } from 'vitest';
import { htmlToText, previewOf, textToHtml } from './text.js';

describe('body text', () => {
  it('reads HTML as text: blocks become lines, scripts and styles go, entities decode', () => {
    const html =
      '<html><head><style>p{}</style><title>t</title></head><body><p>Bonjour&nbsp;&eacute;&#233;&#xE9;</p><script>alert(1)</script><div>a<br>b</div><!-- c --></body></html>';
    expect(htmlToText(html)).toBe('Bonjour\u00a0&eacute;éé\na\nb');
  });

  it('escapes text into HTML', () => {
    expect(textToHtml('<b> & "x"\nnext')).toContain('&lt;b&gt; &amp; &quot;x&quot;<br>');
  });

  it('previews 256 characters, whitespace folded, never half a surrogate pair', () => {
    expect(previewOf('  a \n\n b  ')).toBe('a b');
    expect(previewOf('x'.repeat(300))).toHaveLength(256);
    const emoji = '😀'.repeat(300);
    const p = previewOf(emoji);
    expect(Array.from(p)).toHaveLength(256);
    expect(p.endsWith('😀')).toBe(true);
  });
});
