import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../db/index.js';
import { cidOfUrl, listedFiles, picturedIds } from './body-pictures.js';

const part = (id: string, extra: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id,
  name: id,
  contentType: 'image/png',
  size: 10,
  isInline: false,
  ...extra,
});

describe('picturedIds', () => {
  it('finds every cid: an image shows, in any case, quoted or not, brackets and escapes undone', () => {
    const html = `<img src="cid:a@x"><IMG alt="" SRC=CID:b@x><img src = 'cid:%3Cd%40x%3E'>`;
    expect(picturedIds({ type: 'html', content: html })).toEqual(new Set(['a@x', 'b@x', 'd@x']));
  });

  it('does not count a cid: the reader never shows (a CSS or attribute background, a link)', () => {
    const html = `<td style="background:url(cid:c@x)" background="cid:e@x"><a href="cid:f@x">f</a><img data-src="cid:g@x"></td>`;
    expect(picturedIds({ type: 'html', content: html })).toEqual(new Set());
  });

  it('finds none in a text body, even one that spells a cid: out', () => {
    expect(picturedIds({ type: 'text', content: 'see cid:a@x' })).toEqual(new Set());
    expect(picturedIds(undefined)).toEqual(new Set());
  });
});

describe('cidOfUrl', () => {
  it('keeps a malformed escape as it stands', () => {
    expect(cidOfUrl('cid:%E0%A4%A')).toBe('%E0%A4%A');
    expect(cidOfUrl('cid:<a@x>')).toBe('a@x');
  });
});

describe('listedFiles', () => {
  const files = [
    part('shown.png', { isInline: true, contentId: '<shown@x>' }),
    part('photo.jpg', { isInline: true, contentId: 'photo@x' }),
    part('report.pdf'),
    part('inline-no-id.png', { isInline: true }),
  ];

  it('leaves out only the pictures the HTML shows', () => {
    const body = { type: 'html' as const, content: '<p><img src="cid:shown@x"></p>' };
    expect(listedFiles(files, body).map((f) => f.name)).toEqual(['photo.jpg', 'report.pdf', 'inline-no-id.png']);
  });

  it('lists every part under a text body, which shows none (an iPhone photo)', () => {
    expect(listedFiles(files, { type: 'text', content: 'Photo attached' })).toHaveLength(4);
  });
});
