import { describe, expect, it } from 'vitest';
import { blobToBase64 } from './blob-base64.js';

const bytes = (n: number, at = (i: number) => (i * 7 + 3) & 0xff) => Uint8Array.from({ length: n }, (_, i) => at(i));
const expected = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('blobToBase64', () => {
  it('encodes nothing as nothing', async () => {
    expect(await blobToBase64(new Blob([]))).toBe('');
  });

  it('pads lengths that are not a multiple of 3, and keeps bytes of 0x80 and above', async () => {
    for (const b of [Uint8Array.of(0xff), Uint8Array.of(0x80, 0x00), Uint8Array.of(0xfe, 0x81, 0x7f, 0xc3)])
      expect(await blobToBase64(new Blob([b]))).toBe(expected(b));
  });

  it('joins chunks without padding inside, across chunk edges', async () => {
    // Around 3 * 8192 and its multiples, where one btoa call ends and the next begins.
    for (const n of [24575, 24576, 24577, 3 * 24576 + 2]) {
      const b = bytes(n);
      const out = await blobToBase64(new Blob([b]));
      expect(out).toBe(expected(b));
      expect(out.slice(0, -2)).not.toContain('=');
    }
  });
});
