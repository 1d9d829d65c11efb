import { describe, expect, it } from 'vitest';
import { composeMime } from './compose.js';
import { dropHeaders, prependHeader, readHeaders } from './headers.js';
import { parseMime, readMeeting } from './parse.js';

const raw = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('MIME', () => {
  it('reads top-level headers unfolded, in order, duplicates kept', () => {
    const m = raw(['Received: a', '  b', 'Received: c', 'Subject: Hi', '', 'Subject: not a header', '']);
    expect(readHeaders(m)).toEqual([
      { name: 'Received', value: 'a b' },
      { name: 'Received', value: 'c' },
      { name: 'Subject', value: 'Hi' },
    ]);
  });

  it('drops a header with its folded lines and leaves the body byte for byte', () => {
    const m = raw(['To: a@x', 'Bcc: secret@x,', ' other@x', 'Subject: s', '', 'Bcc: in the body stays', '']);
    expect(dropHeaders(m, ['bcc']).toString()).toBe(
      ['To: a@x', 'Subject: s', '', 'Bcc: in the body stays', ''].join('\r\n'),
    );
    expect(prependHeader(m, 'Return-Path', '<a@x>').toString().startsWith('Return-Path: <a@x>\r\nTo: a@x')).toBe(true);
  });

  it('composes with MailComposer and reads back the same properties', async () => {
    const mime = await composeMime({
      from: { name: 'Démo', email: 'demo@tern.test' },
      to: [{ email: 'ada@tern.test' }],
      cc: [],
      bcc: [{ email: 'hidden@example.com' }],
      replyTo: [],
      subject: 'Réunion',
      html: '<p>Hello <img src="cid:dot@x"></p>',
      date: Date.UTC(2026, 0, 2),
      messageId: '<abc@tern.test>',
      references: '<root@tern.test>',
      inReplyTo: '<root@tern.test>',
      importance: 'High',
      readReceipt: true,
      headers: [{ name: 'X-Tern-Op', value: 'op-1' }],
      attachments: [
        { name: 'dot.png', contentType: 'image/png', contentId: 'dot@x', isInline: true, content: Buffer.from('png') },
        { name: 'a.txt', contentType: 'text/plain', isInline: false, content: Buffer.from('text') },
      ],
    });
    const p = await parseMime(mime);
    expect(p).toMatchObject({
      subject: 'Réunion',
      from: { name: 'Démo', email: 'demo@tern.test' },
      to: [{ email: 'ada@tern.test' }],
      bcc: [{ email: 'hidden@example.com' }],
      messageId: '<abc@tern.test>',
      inReplyTo: '<root@tern.test>',
      references: '<root@tern.test>',
      importance: 'High',
      readReceipt: true,
      date: Date.UTC(2026, 0, 2),
      itemClass: 'IPM.Note',
    });
    expect(p.headers).toContainEqual({ name: 'X-Tern-Op', value: 'op-1' });
    expect(p.attachments.map((a) => [a.name, a.isInline, a.contentId, a.content.toString()])).toEqual([
      ['dot.png', true, 'dot@x', 'png'],
      ['a.txt', false, undefined, 'text'],
    ]);
  });

  it('classes meeting mail by the calendar part and reads its time and place', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:u-1',
      'DTSTART:20261105T140000Z',
      'DTEND:20261105T150000Z',
      'LOCATION:Salle Lumi\\, ère',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const m = raw([
      'From: a@example.com',
      'To: demo@tern.test',
      'Subject: Invitation',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Come.',
      '--b',
      'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
      '',
      ics,
      '--b--',
      '',
    ]);
    const p = await parseMime(m);
    expect(p.itemClass).toBe('IPM.Schedule.Meeting.Request');
    expect(p.meeting).toEqual({
      uid: 'u-1',
      start: Date.UTC(2026, 10, 5, 14),
      end: Date.UTC(2026, 10, 5, 15),
      location: 'Salle Lumi, ère',
      allDay: false,
    });
    expect(p.attachments).toEqual([]);
    expect(readMeeting('BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nEND:VEVENT').allDay).toBe(true);
    expect(
      (
        await parseMime(
          Buffer.from(
            m
              .toString()
              .replace(/METHOD:REQUEST/, 'METHOD:CANCEL')
              .replace('method=REQUEST', 'method=CANCEL'),
          ),
        )
      ).itemClass,
    ).toBe('IPM.Schedule.Meeting.Canceled');
  });

  it('keeps an attached email as an attachment whatever its disposition, never as part of the body', async () => {
    const inner = ['From: bob@example.org', 'Subject: Plan B', 'Content-Type: text/html', '', '<p>Inner words</p>'];
    for (const disposition of ['attachment', 'inline', undefined]) {
      const p = await parseMime(
        raw([
          'From: ada@example.org',
          'Subject: Have a look',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain',
          '',
          'Outer words',
          '--b',
          'Content-Type: message/rfc822',
          ...(disposition ? [`Content-Disposition: ${disposition}`] : []),
          '',
          ...inner,
          '--b--',
          '',
        ]),
      );
      expect([p.text, p.html], disposition).toEqual(['Outer words', undefined]);
      expect(
        p.attachments.map((a) => [a.name, a.contentType, a.isInline, a.content.toString().trimEnd()]),
        disposition,
      ).toEqual([['Plan B', 'message/rfc822', false, `${inner.join('\r\n')}`]]);
    }
  });

  it('refuses empty content', async () => {
    await expect(parseMime(Buffer.alloc(0))).rejects.toThrow(/empty/);
  });
});
