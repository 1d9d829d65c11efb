import { describe, expect, it } from 'vitest';
import { clipBody } from './clip-body.js';

describe('clipBody', () => {
  it('leaves a body that fits alone', () => {
    expect(clipBody('<p>short</p>', 'html', 100)).toBeUndefined();
    expect(clipBody('x'.repeat(100), 'text', 100)).toBeUndefined();
  });

  it('cuts HTML after the last tag before the limit, never inside one', () => {
    const html = '<p>one</p><p>two</p><a href="https://example.test/long">link</a>';
    expect(clipBody(html, 'html', 30)).toBe('<p>one</p><p>two</p>');
  });

  it('cuts text after the last line before the limit', () => {
    expect(clipBody('first line\nsecond line\nthird line', 'text', 25)).toBe('first line\nsecond line\n');
  });

  it('cuts at the limit when no tag or line ends in its second half', () => {
    expect(clipBody(`<p>${'a'.repeat(100)}</p>`, 'html', 50)).toBe(`<p>${'a'.repeat(47)}`);
  });

  it('never splits a character outside the BMP', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(20)}`;
    const cut = clipBody(text, 'text', 10)!;
    expect(cut).toBe('a'.repeat(9));
    expect(clipBody(text, 'text', 11)).toBe(`${'a'.repeat(9)}😀`);
  });
});
