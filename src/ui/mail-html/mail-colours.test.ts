// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { choosesColours } from './mail-colours.js';
import { mailDocument } from './mail-document.js';

const fragment = (html: string) => document.createRange().createContextualFragment(html);

describe('choosesColours', () => {
  it('is false for words, marks, links, quotes and pictures', () => {
    const mail = `<p>Hi <b>Ada</b>, see <a href="https://example.org/">this</a>.</p>
      <blockquote style="margin:0 0 0 4px;font-family:Calibri">quoted</blockquote><img src="data:image/png;base64,AA==" alt="">`;
    expect(choosesColours(fragment(mail))).toBe(false);
  });

  it('is true for a colour in a style attribute, a style sheet or an old attribute', () => {
    for (const mail of [
      '<p style="COLOR: #333">x</p>',
      '<div style="margin:0;background-color:#fafafa">x</div>',
      '<style>.x { font-size: 12px } a{color:red}</style><p class="x">x</p>',
      '<table bgcolor="#ffffff"><tr><td>x</td></tr></table>',
      '<font color="navy">x</font>',
      '<svg><rect fill="#000" width="4" height="4"></rect></svg>',
    ])
      expect(choosesColours(fragment(mail)), mail).toBe(true);
  });

  it('is not fooled by a colour that is only text', () => {
    expect(choosesColours(fragment('<p>Set color: red and background: blue in the file.</p>'))).toBe(false);
  });
});

describe('mailDocument', () => {
  it('follows the dark theme only when asked', () => {
    const themed = mailDocument(fragment('<p>x</p>'), 'themed');
    expect(themed).toContain('color-scheme: light dark');
    expect(themed).toContain('@media (prefers-color-scheme: dark)');
    const light = mailDocument(fragment('<p>x</p>'));
    expect(light).toContain('color-scheme: light;');
    expect(light).not.toContain('prefers-color-scheme');
  });
});
