import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB } from '../db/index.js';
import { backoffDelay, noteBusy, readThrottle, resetBackoff } from './backoff.js';

const limits = { backoffMinMs: 10_000, backoffMaxMs: 3_600_000 };

describe('backoffDelay', () => {
  it('doubles from 10 s with half of each step random', () => {
    expect(backoffDelay(0, limits, () => 0)).toBe(5_000);
    expect(backoffDelay(0, limits, () => 1)).toBe(10_000);
    expect(backoffDelay(1, limits, () => 1)).toBe(20_000);
    expect(backoffDelay(3, limits, () => 0.5)).toBe(60_000);
  });

  it('never exceeds one hour', () => {
    for (const attempt of [9, 12, 50, 1000]) expect(backoffDelay(attempt, limits, () => 1)).toBe(3_600_000);
  });
});

describe('noteBusy', () => {
  const db = () => openMailDB('backoff', { indexedDB: new IDBFactory(), IDBKeyRange });

  it('obeys the server’s hint exactly', async () => {
    const d = db();
    expect(await noteBusy(d, 1000, 5000, limits)).toBe(6000);
    expect(await readThrottle(d)).toEqual({ until: 6000, attempt: 0 });
  });

  it('grows without a hint and starts over after a success', async () => {
    const d = db();
    const one = await noteBusy(d, 0, undefined, limits, () => 1);
    const two = await noteBusy(d, one, undefined, limits, () => 1);
    expect(one).toBe(10_000);
    expect(two - one).toBe(20_000);
    await resetBackoff(d);
    const three = await noteBusy(d, two, undefined, limits, () => 1);
    expect(three - two).toBe(10_000);
  });

  it('never shortens a longer back-off already recorded', async () => {
    const d = db();
    await noteBusy(d, 0, 60_000, limits);
    expect(await noteBusy(d, 1000, 1000, limits)).toBe(60_000);
  });
});
