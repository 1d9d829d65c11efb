import { describe, expect, it } from 'vitest';
import { readAttachedEmail } from './attached-email.js';

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n')).buffer as ArrayBuffer;

describe('readAttachedEmail', () => {
  it('reads the header, the HTML body and the files of an attached email', async () => {
    const email = await readAttachedEmail(
      bytes([
        'From: =?utf-8?q?B=C3=A9a?= <bea@example.org>',
        'To: Ada <ada@tern.test>, "Team" <team@example.org>',
        'Cc: bob@example.org',
        'Subject: Minutes',
        'Date: Mon, 30 Nov 2026 09:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Decisions: <b>none</b>.</p><script>alert(1)</script>',
        '--b',
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('remember the milk').toString('base64'),
        '--b--',
        '',
      ]),
    );
    expect(email).toMatchObject({
      subject: 'Minutes',
      from: { name: 'Béa', email: 'bea@example.org' },
      to: [
        { name: 'Ada', email: 'ada@tern.test' },
        { name: 'Team', email: 'team@example.org' },
      ],
      cc: [{ name: '', email: 'bob@example.org' }],
      date: Date.UTC(2026, 10, 30, 9),
      // As it came: the reader's sanitizer, not this, makes HTML safe to show.
      body: { type: 'html', content: '<p>Decisions: <b>none</b>.</p><script>alert(1)</script>' },
    });
    expect(email.files.map((f) => [f.name, f.type, f.isInline, new TextDecoder().decode(f.bytes)])).toEqual([
      ['notes.txt', 'text/plain', false, 'remember the milk'],
    ]);
  });

  it('tells the pictures of its HTML (by Content-ID) from its files', async () => {
    const email = await readAttachedEmail(
      bytes([
        'Subject: Logo',
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html',
        '',
        '<img src="cid:logo@x">',
        '--r',
        'Content-Type: image/png',
        'Content-ID: <logo@x>',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--r--',
        '',
      ]),
    );
    expect(email.files.map((f) => [f.type, f.contentId, f.isInline])).toEqual([['image/png', '<logo@x>', true]]);
  });

  it('keeps an email it carries in turn as a file, even one marked inline', async () => {
    const email = await readAttachedEmail(
      bytes([
        'Subject: Fwd: Plan B',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'See below.',
        '--b',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        'Subject: Plan B',
        'Content-Type: text/html',
        '',
        '<p>Inner</p>',
        '--b--',
        '',
      ]),
    );
    expect(email.body).toEqual({ type: 'text', content: 'See below.' });
    expect(email.files.map((f) => [f.name, f.type, f.isInline])).toEqual([
      ['attachment-1.eml', 'message/rfc822', false],
    ]);
  });

  it('reads a plain-text email without a date or sender', async () => {
    const email = await readAttachedEmail(bytes(['Subject: Note', '', 'Just text.']));
    expect(email).toEqual({
      subject: 'Note',
      to: [],
      cc: [],
      body: { type: 'text', content: 'Just text.' },
      files: [],
    });
  });
});
