// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/index.js';
import { createTranslator } from '../i18n/translate.js';
import { formatBody, usesFormatting } from './format-body.js';
import { draftText, htmlToText } from './html-to-text.js';
import { composeFields, forwardSubject, quote, replySubject } from './reply-template.js';

const t = createTranslator('en', 'en-GB');

const source: MessageRow = {
  id: 'm1',
  changeKey: 'ck',
  folderId: 'inbox',
  receivedAt: Date.UTC(2024, 2, 12, 10, 42),
  subject: 'Lunch',
  from: { name: 'Ada', email: 'ada@tern.test' },
  to: [
    { name: 'Demo', email: 'demo@tern.test' },
    { name: 'Bob', email: 'bob@example.org' },
  ],
  cc: [
    { name: 'Carol', email: 'carol@example.org' },
    { name: 'Demo again', email: 'DEMO@tern.test' },
  ],
  preview: '',
  isRead: 1,
  flag: 0,
  importance: 'Normal',
  hasAttachments: 0,
  size: 1,
  itemClass: 'IPM.Note',
  terms: [],
};

describe('subjects', () => {
  it('adds Re:/Fwd: once, recognising other languages', () => {
    expect(replySubject('Lunch')).toBe('Re: Lunch');
    expect(replySubject('RE: Lunch')).toBe('RE: Lunch');
    expect(replySubject('Réf : Lunch')).toBe('Réf : Lunch');
    expect(forwardSubject('TR: Lunch')).toBe('TR: Lunch');
    expect(forwardSubject('Lunch')).toBe('Fwd: Lunch');
  });
});

describe('composeFields', () => {
  it('replies to the sender with the original quoted', () => {
    const f = composeFields('reply', source, 'See you\nat noon', 'demo@tern.test', t);
    expect(f.to).toBe('Ada <ada@tern.test>');
    expect(f.cc).toBe('');
    expect(f.subject).toBe('Re: Lunch');
    expect(f.body).toContain('wrote:\n> See you\n> at noon');
  });

  it('replies to all without yourself and without duplicates', () => {
    const f = composeFields('reply-all', source, 'x', 'demo@tern.test', t);
    expect(f.to).toBe('Ada <ada@tern.test>, Bob <bob@example.org>');
    expect(f.cc).toBe('Carol <carol@example.org>');
  });

  it('replies where the sender asked (Reply-To), and to all with it in place of the sender', () => {
    const list = { ...source, replyTo: [{ name: 'Lunch list', email: 'lunch@lists.example' }] };
    expect(composeFields('reply', list, 'x', 'demo@tern.test', t).to).toBe('Lunch list <lunch@lists.example>');
    const all = composeFields('reply-all', list, 'x', 'demo@tern.test', t);
    expect(all.to).toBe('Lunch list <lunch@lists.example>, Bob <bob@example.org>');
    expect(all.cc).toBe('Carol <carol@example.org>');
  });

  it('replying to your own sent message goes to its recipients', () => {
    const sent = {
      ...source,
      from: { name: 'Demo', email: 'demo@tern.test' },
      to: [{ name: 'Bob', email: 'bob@example.org' }],
    };
    expect(composeFields('reply', sent, 'x', 'demo@tern.test', t).to).toBe('Bob <bob@example.org>');
  });

  it('forwards with a header and no recipients', () => {
    const f = composeFields('forward', source, 'Body', 'demo@tern.test', t);
    expect(f.to).toBe('');
    expect(f.subject).toBe('Fwd: Lunch');
    expect(f.body).toContain('---------- Forwarded message ----------\nFrom: Ada <ada@tern.test>');
    expect(f.body.endsWith('\n\nBody')).toBe(true);
  });

  it('quotes quoted lines one level deeper', () => {
    expect(quote('a\n> b')).toBe('> a\n>> b');
  });
});

describe('formatBody', () => {
  it('leaves plain text plain', () => {
    expect(formatBody('Hello\nsnake_case_name and 2*3*4')).toBeUndefined();
  });

  it('turns the toolbar conventions into HTML, keeping markup in the text as text', () => {
    expect(usesFormatting('**bold**')).toBe(true);
    const html = formatBody('Hi **there** <b>x</b>\n- one\n- _two_\n> quoted')!;
    expect(html).toBe(
      '<div>Hi <strong>there</strong> &lt;b&gt;x&lt;/b&gt;</div><ul><li>one</li><li><em>two</em></li></ul><blockquote><div>quoted</div></blockquote>',
    );
  });
});

describe('htmlToText', () => {
  it('keeps text and line structure, never markup', () => {
    expect(
      htmlToText('<style>p{}</style><p>Hello <b>Ada</b></p><ul><li>one</li><li>two</li></ul><script>x()</script>'),
    ).toBe('Hello Ada\n- one\n- two');
  });
});

describe('links', () => {
  it('makes web and mail addresses links, without the punctuation after them, and no other scheme', () => {
    expect(formatBody('**See** https://tern.test/a?b=1. Or <mailto:ada@tern.test>, not javascript:alert(1)')).toBe(
      '<div><strong>See</strong> <a href="https://tern.test/a?b=1">https://tern.test/a?b=1</a>. Or &lt;<a href="mailto:ada@tern.test">mailto:ada@tern.test</a>&gt;, not javascript:alert(1)</div>',
    );
    // Addresses alone stay plain text: every mail reader links them by itself.
    expect(formatBody('See https://tern.test/a and mailto:ada@tern.test')).toBeUndefined();
    expect(usesFormatting('no address here')).toBe(false);
  });

  it('makes [text](address) a link with that text, for web and mail addresses only', () => {
    expect(
      formatBody('The [plan](https://tern.test/p?a=1), [write](mailto:ada@tern.test) or [x](javascript:alert(1))'),
    ).toBe(
      '<div>The <a href="https://tern.test/p?a=1">plan</a>, <a href="mailto:ada@tern.test">write</a> or [x](javascript:alert(1))</div>',
    );
    expect(formatBody('[a <b>](https://tern.test/)')).toBe('<div><a href="https://tern.test/">a &lt;b&gt;</a></div>');
  });
});

describe('draftText', () => {
  it('gives back the marks a draft written here was typed with', () => {
    const typed = 'Hi **Ada** and _Bob_,\n\n- one\n- **two**\n> quoted\n> > deeper\nBye';
    expect(draftText(formatBody(typed)!)).toEqual({ text: typed, lost: false });
  });

  it('round-trips any text of words and marks the composer formats', () => {
    const word = fc.stringMatching(/^[a-zé]{1,8}$/);
    const piece = fc.oneof(
      word,
      word.map((w) => `**${w}**`),
      word.map((w) => `_${w}_`),
      word.map((w) => `https://tern.test/${w}`),
      word.map((w) => `<https://${w}.test/a_b>`),
      word.map((w) => `[${w} ${w}](https://${w}.test/a_b?q=1)`),
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    const line = fc.oneof(
      text,
      text.map((l) => `- ${l}`),
      text.map((l) => `> ${l}`),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (ls) => {
        const typed = ls.join('\n');
        // Text without marks is saved as text, with no HTML to read back.
        const html = formatBody(typed);
        if (html !== undefined) expect(draftText(html).text).toBe(typed);
      }),
    );
  });

  it('keeps links as [text](address) and says when formatting beyond the marks is lost', () => {
    expect(
      draftText(
        '<p>See <a href="https://tern.test/a">the  plan</a> or <a href="mailto:ada@tern.test">ada@tern.test</a></p>',
      ),
    ).toEqual({
      text: 'See [the plan](https://tern.test/a) or ada@tern.test',
      lost: false,
    });
    // Text that brackets cannot hold, or an address with a space, is written as "text <address>".
    expect(draftText('<p><a href="https://tern.test/a b">x]y</a></p>').text).toBe('x]y <https://tern.test/a b>');
    // Bold inside a link's text is not kept, and the composer says so.
    expect(draftText('<p><a href="https://tern.test/a"><b>Plan</b></a></p>')).toEqual({
      text: '[Plan](https://tern.test/a)',
      lost: true,
    });
    for (const html of [
      '<p style="color:red">Red</p>',
      '<table><tr><td>cell</td></tr></table>',
      '<p><font face="Arial">x</font></p>',
      '<h1>Title</h1>',
      '<p><img src="cid:logo"></p>',
    ])
      expect(draftText(html).lost, html).toBe(true);
    expect(draftText('<div>Plain <b>bold</b><br>next</div>')).toEqual({ text: 'Plain **bold**\nnext', lost: false });
  });

  it('never lets markup through: tags in the text stay text, scripts and styles go', () => {
    expect(draftText('<style>p{}</style><p>&lt;b&gt;x&lt;/b&gt;</p><script>alert(1)</script>').text).toBe('<b>x</b>');
  });
});
