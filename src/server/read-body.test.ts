import { describe, expect, it } from 'vitest';
import { BodyCollector, BodyTooLarge, readBody, type BodyLimit } from './read-body.js';

const chunks = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });

const tooLarge = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BodyTooLarge);
  return (e as BodyTooLarge).limit;
};

describe('BodyCollector', () => {
  it('takes a body up to its limit, and refuses one byte more', async () => {
    expect(await readBody(chunks('abc', 'de'), 5)).toBe('abcde');
    expect(await tooLarge(readBody(chunks('abc', 'def'), 5))).toBe(5);
  });

  it('shows the first bytes past the limit once, and goes on to the limit they earn', async () => {
    const heads: string[] = [];
    const limit: BodyLimit = {
      bytes: 4,
      widen: { max: 10, to: (head) => (heads.push(head.toString()), head.toString().startsWith('big') ? 10 : 4) },
    };
    expect(await readBody(chunks('big', '-body', '!!'), limit)).toBe('big-body!!');
    expect(heads).toEqual(['big-body']);
    expect(await tooLarge(readBody(chunks('big', '-body', '!!!'), limit))).toBe(10);
    expect(await tooLarge(readBody(chunks('small', '-body'), limit))).toBe(4);
    // Never asked for a body within the first limit.
    heads.length = 0;
    expect(await readBody(chunks('tiny'), limit)).toBe('tiny');
    expect(heads).toEqual([]);
  });

  it('never grows past `max`, whatever `to` answers', async () => {
    const limit: BodyLimit = { bytes: 2, widen: { max: 6, to: () => 1000 } };
    expect(await tooLarge(readBody(chunks('1234567'), limit))).toBe(6);
  });

  it('refuses a declared length over the most any body may have before reading it', () => {
    const to = () => {
      throw new Error('not asked');
    };
    expect(() => new BodyCollector({ bytes: 4, widen: { max: 10, to } }, '11')).toThrow(BodyTooLarge);
    expect(() => new BodyCollector(4, '5')).toThrow(BodyTooLarge);
    // Within `max`, the head decides: nothing is refused before it is read.
    expect(() => new BodyCollector({ bytes: 4, widen: { max: 10, to } }, '10')).not.toThrow();
  });
});
