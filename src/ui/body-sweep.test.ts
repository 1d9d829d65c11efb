import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BodyRow } from '../db/index.js';

// The page's store, in memory (fake-indexeddb), opened the way src/ui/db.ts opens it.
vi.mock('./db.js', async () => {
  const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
  const { openMailDB } = await import('../db/index.js');
  return { db: openMailDB('body-sweep', { indexedDB: new IDBFactory(), IDBKeyRange }) };
});

const { db } = await import('./db.js');
const { sweepBodiesDaily } = await import('./body-sweep.js');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A stored body of a message no folder lists any more, fetched `daysAgo` days ago. */
const body = (id: string, daysAgo: number): BodyRow => ({
  id,
  type: 'text',
  content: 'Old news.',
  attachments: [],
  fetchedAt: Date.now() - daysAgo * DAY,
  size: 9,
});
const stored = async () => (await db.bodies.toCollection().primaryKeys()).sort();

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

describe('sweepBodiesDaily', () => {
  it('removes text kept past 30 days at start, then checks hourly and sweeps again once a day has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await db.bodies.bulkPut([body('old', 31), body('recent', 28)]);
    stop = sweepBodiesDaily();
    await vi.waitFor(async () => expect(await stored()).toEqual(['recent']));

    // Past 30 days too, but the hourly checks within the day leave it.
    await db.bodies.put(body('another', 40));
    for (let h = 1; h < 24; h++) vi.advanceTimersByTime(HOUR);
    await new Promise((r) => setTimeout(r, 20));
    expect(await stored()).toEqual(['another', 'recent']);

    // A day after the first sweep, the next check removes it; `recent` (now 29 days) stays.
    vi.advanceTimersByTime(HOUR);
    await vi.waitFor(async () => expect(await stored()).toEqual(['recent']));
  });
});
