import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

describe('linkify', () => {
  it('finds http, www, mailto and bare addresses', () => {
    expect(linkify('See https://tern.test/a?b=1, www.example.org or write to ada@tern.test.')).toEqual([
      { text: 'See ' },
      { text: 'https://tern.test/a?b=1', href: 'https://tern.test/a?b=1' },
      { text: ', ' },
      { text: 'www.example.org', href: 'https://www.example.org/' },
      { text: ' or write to ' },
      { text: 'ada@tern.test', href: 'mailto:ada@tern.test' },
      { text: '.' },
    ]);
  });

  it('keeps balanced parentheses and drops a closing one around the link', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Tern_(bird))')[1]).toEqual({
      text: 'https://en.wikipedia.org/wiki/Tern_(bird)',
      href: 'https://en.wikipedia.org/wiki/Tern_(bird)',
    });
  });

  it('stops a link at a quote, so attribute-breakout text stays text', () => {
    const pieces = linkify('Visit http://x/?"onmouseover="alert(1)');
    expect(pieces[1]).toEqual({ text: 'http://x/', href: 'http://x/' });
    expect(pieces.map((p) => p.text).join('')).toBe('Visit http://x/?"onmouseover="alert(1)');
  });

  it('never links script or data URLs, including Markdown-style references', () => {
    const pieces = linkify(
      '[1]: javascript:alert(1) data:text/html,<script>alert(1)</script> <img src=x onerror=alert(1)>',
    );
    expect(pieces.filter((p) => 'href' in p)).toEqual([]);
  });

  it('keeps every character of the input, in order', () => {
    const input = 'a <b> & "c" https://x.test/<y> \u202e end';
    expect(
      linkify(input)
        .map((p) => p.text)
        .join(''),
    ).toBe(input);
  });
});
