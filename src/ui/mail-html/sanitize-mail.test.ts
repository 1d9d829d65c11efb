// @vitest-environment happy-dom
// happy-dom is not a safe DOM for DOMPurify's guarantees (SECURITY.md §2.4): these tests check our
// configuration and hooks; test/e2e/hostile-mail.test.ts checks the real guarantee in Chromium.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAIL_POLICY, mailDocument } from './mail-document.js';
import { HOSTILE_HTML } from './payloads.js';
import { sanitizeMail, type SanitizeOptions } from './sanitize-mail.js';

// happy-dom answers nodeName from each subclass, and Node.prototype's own getter returns ''.
// DOMPurify reads nodeName through Node.prototype (so mail cannot clobber it); route that getter to
// the subclass one, as a browser's single getter behaves.
const nodeName = Object.getOwnPropertyDescriptor(window.Node.prototype, 'nodeName')!;
Object.defineProperty(window.Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node) {
    for (let p = Object.getPrototypeOf(this); p && p !== window.Node.prototype; p = Object.getPrototypeOf(p)) {
      const own = Object.getOwnPropertyDescriptor(p, 'nodeName');
      if (own?.get) return own.get.call(this);
    }
    return nodeName.get!.call(this);
  },
});

// happy-dom's NodeIterator stops when the node it returned last is removed; the DOM standard moves
// it to where that node was (https://dom.spec.whatwg.org/#nodeiterator-pre-removing-steps), and
// DOMPurify removes nodes while it walks. This iterator resumes from the removed node's old place.
document.createNodeIterator = function (root: Node, whatToShow = 0xffffffff): NodeIterator {
  let reference: Node | null = null;
  let before: Node | null = null;
  let parent: Node | null = null;
  const afterSubtree = (n: Node | null): Node | null => {
    for (let c = n; c && c !== root; c = c.parentNode) if (c.nextSibling) return c.nextSibling;
    return null;
  };
  const following = (n: Node): Node | null => n.firstChild ?? afterSubtree(n);
  const shown = (n: Node) => (whatToShow & (1 << (n.nodeType - 1))) !== 0;
  return {
    nextNode() {
      let next: Node | null;
      if (!reference) next = root;
      else if (reference === root || root.contains(reference)) next = following(reference);
      else if (before?.parentNode === parent) next = before!.nextSibling ?? afterSubtree(parent);
      else next = parent?.firstChild ?? afterSubtree(parent);
      while (next && !shown(next)) next = following(next);
      reference = next;
      before = next?.previousSibling ?? null;
      parent = next?.parentNode ?? null;
      return next;
    },
  } as NodeIterator;
};

const BLOCKED: SanitizeOptions = { remote: new Map(), inline: new Map() };

function html(input: string, options: SanitizeOptions = BLOCKED): string {
  const div = document.createElement('div');
  div.append(sanitizeMail(input, options).fragment);
  return div.innerHTML;
}

/** What must never survive: script, handlers, script URLs, forms, embedding, SVG/MathML, remote fetches. */
function unsafe(out: string): string[] {
  const problems: string[] = [];
  const checks: [string, RegExp][] = [
    ['script element', /<script/i],
    ['event handler', /<[^>]+\son[a-z]+\s*=/i],
    ['script url', /(?:java|vb|live)script:/i],
    ['form control', /<(?:form|input|button|select|textarea)\b/i],
    ['embedding', /<(?:iframe|frame|object|embed|base|meta|link|portal|template|noscript)\b/i],
    ['svg or mathml', /<(?:svg|math|use|animate|set|feimage|image)\b/i],
    [
      'remote fetch',
      /(?<![\w-])(?:src|href|poster|background|srcset|ping|action)\s*=\s*["']?https:\/\/attacker\.test/i,
    ],
    ['css fetch', /url\s*\(|@import|image-set/i],
    ['overlay', /position\s*:\s*fixed|!important/i],
  ];
  for (const [name, re] of checks) if (re.test(out)) problems.push(name);
  return problems;
}

describe('sanitizeMail', () => {
  for (const [name, payload] of Object.entries(HOSTILE_HTML)) {
    it(`neutralises ${name}`, () => {
      const out = html(payload);
      expect(unsafe(out), out).toEqual([]);
    });

    it(`is idempotent on ${name}`, () => {
      const once = html(payload);
      expect(html(once)).toBe(once);
    });
  }

  it('catches every class with its oracle (negative control)', () => {
    for (const payload of Object.values(HOSTILE_HTML)) {
      expect(unsafe(payload).length, payload).toBeGreaterThan(0);
    }
  });

  it('keeps ordinary mail: text, tables, inline styles, safe links', () => {
    const out = html(
      '<table><tr><td style="color:red;font-weight:bold">Hello</td></tr></table><p><a href="https://example.org/x">x</a> <a href="mailto:ada@tern.test">ada</a></p>',
    );
    expect(out).toContain('<td style="color:red;font-weight:bold">Hello</td>');
    expect(out).toContain('<a href="https://example.org/x" target="_blank" rel="noopener noreferrer">x</a>');
    expect(out).toContain('href="mailto:ada@tern.test"');
  });

  it('moves remote images to data-blocked-src and counts them', () => {
    const r = sanitizeMail('<img src="https://img.example/a.png"><img src="http://img.example/b.png">', BLOCKED);
    const div = document.createElement('div');
    div.append(r.fragment);
    expect(r.blockedImages).toBe(2);
    expect(r.blockedUrls).toEqual(['https://img.example/a.png', 'http://img.example/b.png']);
    expect(div.querySelectorAll('img[src]')).toHaveLength(0);
    expect([...div.querySelectorAll('img')].map((i) => i.getAttribute('data-blocked-src'))).toEqual([
      'https://img.example/a.png',
      'http://img.example/b.png',
    ]);
  });

  it('shows a remote image only as the bytes fetched for it, never by its address', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const r = sanitizeMail(
      '<img src="https://img.example/a.png"><img src="http://img.example/b.png"><img src="https://img.example/a.png">',
      { remote: new Map([['https://img.example/a.png', png]]), inline: new Map() },
    );
    const div = document.createElement('div');
    div.append(r.fragment);
    expect([...div.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([png, null, png]);
    expect(div.innerHTML).not.toContain(' src="http');
    expect(r.blockedImages).toBe(1);
    expect(r.blockedUrls).toEqual(['http://img.example/b.png']);
    // What came back is checked like any data: image: a fetched SVG stays blocked.
    const svg = sanitizeMail('<img src="https://img.example/c.svg">', {
      remote: new Map([['https://img.example/c.svg', 'data:image/svg+xml;base64,PHN2Zz4=']]),
      inline: new Map(),
    });
    expect(svg.blockedImages).toBe(1);
  });

  it('resolves cid: images from local parts and blocks the others', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const out = html('<img src="cid:logo@tern"><img src="cid:missing@tern">', {
      remote: new Map(),
      inline: new Map([['logo@tern', png]]),
    });
    expect(out).toContain(`src="${png}"`);
    expect(out).toContain('data-blocked-src="cid:missing@tern"');
  });

  it('reads a percent-encoded cid: and survives a malformed one', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const out = html('<img src="cid:%3Clogo%40tern%3E"><img src="cid:%E0%A4%A"><p>still here</p>', {
      remote: new Map(),
      inline: new Map([['logo@tern', png]]),
    });
    expect(out).toContain(`src="${png}"`);
    expect(out).toContain('data-blocked-src="cid:%E0%A4%A"');
    expect(out).toContain('still here');
  });

  it('keeps safe data: images and drops others', () => {
    expect(html('<img src="data:image/png;base64,iVBORw0KGgo=">')).toContain('src="data:image/png');
    expect(html('<img src="data:image/svg+xml,<svg onload=alert(1)>">')).not.toContain('src=');
  });

  it('prefixes ids and names so mail cannot clobber our globals', () => {
    expect(html('<a id="defaultView">x</a>')).toContain('id="user-content-defaultView"');
  });

  it('never lets a decoded escape close the style element', () => {
    const out = html('<style>p{content:"\\3c /style\\3e <img src=x onerror=alert(1)>"}</style><p>x</p>');
    expect(out).not.toMatch(/<\/style>\s*<img/i);
    expect(unsafe(out)).toEqual([]);
  });
});

// Random mail built from the pieces attacks are made of: our hooks (links, images, CSS) must hold
// however they are nested and combined, not only for the corpus above.
const TAGS = ['a', 'img', 'div', 'p', 'table', 'td', 'font', 'span', 'b', 'style', 'svg', 'math', 'script'];
const MORE_TAGS = ['iframe', 'form', 'input', 'base', 'meta', 'link', 'object', 'embed', 'template', 'noscript'];
const ATTRS = ['href', 'src', 'style', 'onerror', 'onclick', 'background', 'srcset', 'action', 'formaction'];
const MORE_ATTRS = ['xlink:href', 'data-blocked-src', 'poster', 'ping'];
// Names, not addresses: "javascript:" in an id is inert text, which the string oracle would flag.
const NAMES = ['id', 'name', 'class', 'target'];
// No quote and no "<" in values: escaped in an attribute they are text, which the string oracle
// cannot tell from markup; breaking out of attributes is DOMPurify's part, tested by the corpus.
const VALUES = [
  'javascript:alert(1)',
  ' JaVa\tScRiPt:alert(1)',
  '&#106;avascript:alert(1)',
  'https://attacker.test/p.png',
  'http://attacker.test/q.png',
  '//attacker.test/r.png',
  'cid:part1',
  'data:image/png;base64,iVBORw0KGgo=',
  'data:text/html;base64,PHNjcmlwdD4=',
  '#top',
  'mailto:a@b.test',
  'background:url(https://attacker.test/x)',
  'background-image:image-set(https://attacker.test/y 1x)',
  'position:fixed;top:0',
  'color:red !important',
  'color:red',
  'x',
];
const STYLES = [
  '@import url(https://attacker.test/a.css);',
  '@import "https://attacker.test/b.css";',
  'body{background:url(https://attacker.test/c)}',
  'p{color:red}',
  'div{position:fixed}',
  '@font-face{src:url(https://attacker.test/f.woff)}',
];
const WORDS = ['Hello', 'invoice', 'é', '😀', ' '];

const attribute = fc
  .oneof(
    fc.tuple(fc.constantFrom(...ATTRS, ...MORE_ATTRS), fc.constantFrom(...VALUES)),
    fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('top', 'x', '_blank', '_top', 'Image')),
  )
  .map(([name, value]) => ` ${name}="${value}"`);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('text'), tie('element')),
  text: fc.constantFrom(...WORDS),
  element: fc
    .tuple(
      fc.constantFrom(...TAGS, ...MORE_TAGS),
      fc.array(attribute, { maxLength: 4 }),
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.constantFrom(...STYLES),
    )
    .map(([tag, attrs, children, css]) =>
      tag === 'style'
        ? `<style${attrs.join('')}>${css}</style>`
        : `<${tag}${attrs.join('')}>${children.join('')}</${tag}>`,
    ),
}));

const CSS_FETCH = /url\s*\(|@import|image-set|position\s*:\s*fixed|!important/i;

/**
 * The oracle read from the DOM rather than the markup: text is inert wherever it lands (a parser
 * may move a `<style>`'s words out into a table as text), so only elements and attributes count.
 */
function unsafeNodes(fragment: DocumentFragment): string[] {
  const problems: string[] = [];
  const forbidden = new Set([...MORE_TAGS, 'script', 'svg', 'math', 'frame', 'portal', 'button', 'select', 'textarea']);
  for (const el of fragment.querySelectorAll('*')) {
    const tag = el.localName;
    if (forbidden.has(tag)) problems.push(`<${tag}>`);
    if (tag === 'style' && CSS_FETCH.test(el.textContent ?? '')) problems.push(`<style>${el.textContent}`);
    for (const { name, value } of el.attributes) {
      const where = `<${tag} ${name}="${value}">`;
      if (/^on/i.test(name) || ['srcset', 'background', 'action', 'formaction', 'ping', 'poster'].includes(name))
        problems.push(where);
      if (name === 'style') {
        // CSS fetches only through url(), @import and image-set; other words in a style are inert.
        if (CSS_FETCH.test(value)) problems.push(where);
        continue;
      }
      if (name === 'href' && !value.startsWith('#') && !/^(?:https?|mailto):/.test(value)) problems.push(where);
      if (name === 'src' && !/^data:image\/png;base64,/.test(value)) problems.push(where);
      if (/script:/i.test(value)) problems.push(where);
      // A link may lead anywhere (following it is the reader's choice); nothing else may name the sender's host.
      if (name !== 'data-blocked-src' && name !== 'href' && /attacker\.test/i.test(value)) problems.push(where);
    }
  }
  return problems;
}

describe('sanitizeMail on random mail', () => {
  it('keeps no script, handler, form, embedding, remote fetch or overlay, however the pieces combine', () => {
    fc.assert(
      fc.property(fc.array(tree as fc.Arbitrary<string>, { minLength: 1, maxLength: 4 }), (parts) => {
        const { fragment } = sanitizeMail(parts.join(''), BLOCKED);
        expect(unsafeNodes(fragment), parts.join('')).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('has an oracle that sees each kind of danger (negative control)', () => {
    const raw = (markup: string) => document.createRange().createContextualFragment(markup);
    for (const markup of [
      '<script>1</script>',
      '<img src="x" onerror="1">',
      '<a href="javascript:1">x</a>',
      '<p style="background:url(https://attacker.test/x)">x</p>',
      '<style>@import "https://attacker.test/a.css";</style>',
      '<img src="https://attacker.test/p.png">',
      '<form action="https://attacker.test/f"></form>',
    ])
      expect(unsafeNodes(raw(markup)).length, markup).toBeGreaterThan(0);
  });
});

describe('mailDocument', () => {
  it('puts the policy first and the body after', () => {
    const doc = mailDocument(sanitizeMail('<p>Hello</p>', BLOCKED).fragment);
    expect(doc.startsWith('<!doctype html><html><head><meta charset="utf-8">')).toBe(true);
    expect(doc).toContain(`content="${MAIL_POLICY}"`);
    expect(doc).toContain('<body><p>Hello</p></body>');
  });

  it('lets the frame load no image from anywhere: only data: and blob: URLs made here', () => {
    expect(MAIL_POLICY).toContain('img-src data: blob:;');
    expect(MAIL_POLICY).toContain("default-src 'none'");
  });
});
