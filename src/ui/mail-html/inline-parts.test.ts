// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { inlinePartsOf } from './inline-parts.js';

const bytes = (...b: number[]) => Uint8Array.from(b).buffer as ArrayBuffer;

describe('inlinePartsOf', () => {
  it('gives the pictures it may show as data: URLs by Content-ID, and nothing else', async () => {
    const parts = await inlinePartsOf([
      { contentId: '<logo@x>', type: 'image/png', bytes: bytes(137, 80, 78, 71) },
      { contentId: '<page@x>', type: 'text/html', bytes: bytes(60, 98, 62) },
      { type: 'image/gif', bytes: bytes(71, 73, 70) },
      { contentId: '<huge@x>', type: 'image/jpeg', bytes: new ArrayBuffer(3 * 1024 * 1024) },
    ]);
    expect([...parts.keys()]).toEqual(['logo@x']);
    expect(parts.get('logo@x')).toBe('data:image/png;base64,iVBORw==');
  });
});
