import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { META, openMailDB } from '../db/index.js';
import { manualClock } from './clock.js';
import { StoppedError, ThrottledError } from './errors.js';
import { Gate, THROTTLE_FRESH_MS } from './gate.js';

const setup = (stopped: () => StoppedError | undefined = () => undefined) => {
  const db = openMailDB('gate', { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = manualClock(1000);
  return { db, clock, gate: new Gate(db, clock, { maxRequests: 4, maxSyncCalls: 2 }, stopped) };
};

/** Starts `n` requests that wait until released; reports the most seen in flight at once. */
async function flood(gate: Gate, kind: 'sync' | 'other', n: number) {
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const runs = Array.from({ length: n }, () =>
    gate.run(kind, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise<void>((r) => releases.push(r));
      active--;
    }),
  );
  for (let i = 0; i < n; i++) {
    while (releases.length === 0) await new Promise((r) => setTimeout(r, 1));
    releases.shift()!();
  }
  await Promise.all(runs);
  return peak;
}

describe('Gate', () => {
  it('lets at most 4 requests and 2 sync calls out at once', async () => {
    const { gate } = setup();
    expect(await flood(gate, 'other', 12)).toBe(4);
    expect(await flood(gate, 'sync', 6)).toBe(2);
  });

  it('refuses every request while the shared back-off runs, and lets them out after', async () => {
    const { db, clock, gate } = setup();
    await db.meta.put({ key: META.throttle, value: { until: 6000, attempt: 0 } });
    let sent = 0;
    await expect(gate.run('other', async () => void sent++)).rejects.toBeInstanceOf(ThrottledError);
    clock.advance(5000);
    await gate.run('other', async () => void sent++);
    expect(sent).toBe(1);
  });

  it('sees a back-off recorded elsewhere within THROTTLE_FRESH_MS, and at once when asked fresh', async () => {
    const { db, clock, gate } = setup();
    await gate.run('other', async () => 1);
    await db.meta.put({ key: META.throttle, value: { until: 10_000, attempt: 0 } });
    // Read a moment ago: this request still goes; a pass start (fresh) does not.
    expect(await gate.run('other', async () => 1)).toBe(1);
    await expect(gate.check(true)).rejects.toBeInstanceOf(ThrottledError);
    await db.meta.delete(META.throttle);
    await gate.check(true);
    await db.meta.put({ key: META.throttle, value: { until: 10_000, attempt: 0 } });
    clock.advance(THROTTLE_FRESH_MS - 1);
    expect(await gate.run('other', async () => 1)).toBe(1);
    clock.advance(1);
    await expect(gate.run('other', async () => 1)).rejects.toBeInstanceOf(ThrottledError);
  });

  it('reads the back-off again right after this context wrote it', async () => {
    const { db, gate } = setup();
    await gate.run('other', async () => 1);
    await db.meta.put({ key: META.throttle, value: { until: 10_000, attempt: 0 } });
    gate.forget();
    await expect(gate.run('other', async () => 1)).rejects.toBeInstanceOf(ThrottledError);
  });

  it('refuses while traffic is stopped', async () => {
    let why: StoppedError | undefined = new StoppedError('paused');
    const { gate } = setup(() => why);
    await expect(gate.run('other', async () => 1)).rejects.toMatchObject({ why: 'paused' });
    why = undefined;
    expect(await gate.run('other', async () => 1)).toBe(1);
  });
});
