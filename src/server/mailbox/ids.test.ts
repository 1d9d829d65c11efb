import { describe, expect, it } from 'vitest';
import { decodeChangeKey, decodeId, encodeChangeKey, encodeId } from './ids.js';

const here = Buffer.from([1, 2, 3, 4]);
const there = Buffer.from([9, 9, 9, 9]);

describe('ids', () => {
  it('round-trips item, folder and attachment ids, and change keys', () => {
    const item = encodeId(here, 'item', 2 ** 40 + 5, 7);
    expect(decodeId(here, 'item', item)).toEqual({ row: 2 ** 40 + 5, gen: 7 });
    expect(decodeId(here, 'folder', encodeId(here, 'folder', 12))).toEqual({ row: 12, gen: 0 });
    expect(decodeId(here, 'attachment', encodeId(here, 'attachment', 3))).toEqual({ row: 3, gen: 0 });
    expect(decodeChangeKey(encodeChangeKey(123456789))).toBe(123456789);
  });

  it('gives a moved item (new generation) a new id, and its attachments new ids', () => {
    expect(encodeId(here, 'item', 5, 0)).not.toBe(encodeId(here, 'item', 5, 1));
    expect(encodeId(here, 'attachment', 5, 0)).not.toBe(encodeId(here, 'attachment', 5, 1));
    expect(decodeId(here, 'attachment', encodeId(here, 'attachment', 5, 2))).toEqual({ row: 5, gen: 2 });
  });

  it('still reads attachment ids written before they carried a generation', () => {
    const old = Buffer.from([1, 0x41, 1, 2, 3, 4, 0, 0, 0, 0, 0, 9]).toString('base64');
    expect(decodeId(here, 'attachment', old)).toEqual({ row: 9, gen: 0 });
    expect(decodeId(here, 'item', old)).toBe('malformed');
  });

  it('tells malformed ids from ids of another mailbox', () => {
    const item = encodeId(here, 'item', 5, 0);
    expect(decodeId(there, 'item', item)).toBe('foreign');
    expect(decodeId(here, 'folder', item)).toBe('malformed');
    expect(decodeId(here, 'item', encodeId(here, 'folder', 5))).toBe('malformed');
    for (const bad of ['', 'x', '!!!!', item.slice(0, -4), `${item}AAAA`, item.replace(/=+$/, '')])
      expect(decodeId(here, 'item', bad), bad).toBe('malformed');
    expect(decodeChangeKey('%%')).toBeUndefined();
    expect(decodeChangeKey(item)).toBeUndefined();
  });
});
