// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/index.js';
import { createTranslator } from '../i18n/translate.js';
import { formatBody, usesFormatting } from './format-body.js';
import { htmlToText } from './html-to-text.js';
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
