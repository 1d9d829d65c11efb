import { describe, expect, it } from 'vitest';
import { inBatches, MAX_BATCH_IDS } from './group.js';

describe('inBatches', () => {
  it('asks for a hundred at a time, in order, and answers in the order asked', async () => {
    const items = Array.from({ length: 2 * MAX_BATCH_IDS + 5 }, (_, i) => i);
    const calls: number[][] = [];
    const answers = await inBatches(items, async (batch) => {
      calls.push(batch);
      return batch.map((n) => n * 10);
    });
    expect(calls.map((c) => c.length)).toEqual([MAX_BATCH_IDS, MAX_BATCH_IDS, 5]);
    expect(calls.flat()).toEqual(items);
    expect(answers).toEqual(items.map((n) => n * 10));
    expect(await inBatches([], async () => [1])).toEqual([]);
  });

  it('keeps the answers lined up with their items when a batch is answered short', async () => {
    const items = Array.from({ length: MAX_BATCH_IDS + 2 }, (_, i) => i);
    const answers = await inBatches(items, async (batch) => (batch[0] === 0 ? ['first'] : batch.map(String)));
    expect(answers[0]).toBe('first');
    expect(answers[1]).toBeUndefined();
    expect(answers.slice(MAX_BATCH_IDS)).toEqual([String(MAX_BATCH_IDS), String(MAX_BATCH_IDS + 1)]);
  });
});
