// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formOf, localInput, replyHtml, settingsOf, worthSaying, type AutoReplies } from './automatic-replies.js';

const NOW = new Date(2027, 2, 10, 9, 20).getTime();

describe('automatic replies in the dialog', () => {
  it('edits Outlook’s HTML replies as text, and sends text back as HTML with its lines', () => {
    const stored: AutoReplies = {
      oofState: 'Scheduled',
      externalAudience: 'Known',
      duration: { startTime: new Date(2027, 2, 11, 8).toISOString(), endTime: new Date(2027, 2, 18, 8).toISOString() },
      internalReply: '<html><body><p>Away.</p><p>Ada &amp; Grace cover.</p></body></html>',
      externalReply: 'Plain already',
    };
    const form = formOf(stored, NOW);
    expect(form).toEqual({
      on: true,
      scheduled: true,
      start: '2027-03-11T08:00',
      end: '2027-03-18T08:00',
      internal: 'Away.\nAda & Grace cover.',
      outside: true,
      external: 'Plain already',
      audience: 'Known',
    });
    expect(settingsOf(form)).toEqual({
      ...stored,
      internalReply: '<html><body>Away.<br>Ada &amp; Grace cover.</body></html>',
      externalReply: '<html><body>Plain already</body></html>',
    });
  });

  it('offers the next hour for a week when nothing was scheduled, and keeps "Known" only while outside stays ticked', () => {
    const form = formOf({ oofState: 'Disabled', externalAudience: 'None' }, NOW);
    expect([form.on, form.start, form.end, form.outside]).toEqual([
      false,
      '2027-03-10T10:00',
      '2027-03-17T10:00',
      false,
    ]);
    expect(settingsOf({ ...form, on: true, outside: true })).toMatchObject({
      oofState: 'Enabled',
      externalAudience: 'All',
    });
    const known = formOf({ oofState: 'Enabled', externalAudience: 'Known' }, NOW);
    expect(settingsOf({ ...known, outside: false })).toMatchObject({ externalAudience: 'None' });
  });

  it('refuses a schedule that ends before it starts, only when it would be used', () => {
    const form = { ...formOf({ oofState: 'Enabled', externalAudience: 'All' }, NOW), end: '2027-03-01T00:00' };
    expect(settingsOf({ ...form, scheduled: true })).toBe('bad-time');
    expect(settingsOf({ ...form, scheduled: false })).toMatchObject({ oofState: 'Enabled' });
    expect(settingsOf({ ...form, scheduled: false })).not.toHaveProperty('duration');
  });

  it('escapes what is typed, and sends nothing for an empty reply', () => {
    expect(replyHtml(' <b>not bold</b> & "quoted"\n')).toBe(
      '<html><body>&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;</body></html>',
    );
    expect(replyHtml('  \n ')).toBe('');
    expect(localInput(new Date(2027, 0, 2, 3, 4).getTime())).toBe('2027-01-02T03:04');
  });

  it('reminds of replies that are on, or scheduled and not over, and of nothing else', () => {
    const week = {
      startTime: new Date(NOW + 86_400_000).toISOString(),
      endTime: new Date(NOW + 8 * 86_400_000).toISOString(),
    };
    expect(worthSaying({ oofState: 'Enabled', externalAudience: 'All' }, NOW)).toBe(true);
    expect(worthSaying({ oofState: 'Scheduled', externalAudience: 'All', duration: week }, NOW)).toBe(true);
    expect(worthSaying({ oofState: 'Scheduled', externalAudience: 'All', duration: week }, NOW + 9 * 86_400_000)).toBe(
      false,
    );
    expect(worthSaying({ oofState: 'Disabled', externalAudience: 'All', duration: week }, NOW)).toBe(false);
  });
});
