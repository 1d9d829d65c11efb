import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle.js';

const options = { concurrentSyncCalls: 2, burst: 3, rechargePerSecond: 10, syncBackOffMs: 5000 };

describe('Throttle', () => {
  it('allows a burst, then asks to back off until the budget refills', () => {
    let now = 0;
    const t = new Throttle(options, () => now);
    expect([t.take('a'), t.take('a'), t.take('a')]).toEqual([undefined, undefined, undefined]);
    expect(t.take('a')).toBe(100);
    now = 50;
    expect(t.take('a')).toBe(50);
    now = 100;
    expect(t.take('a')).toBeUndefined();
    expect(t.take('a')).toBe(100);
    // Another user has a budget of their own.
    expect(t.take('b')).toBeUndefined();
    // A long pause refills up to the burst, no more.
    now = 60_000;
    expect([t.take('a'), t.take('a'), t.take('a'), t.take('a')]).toEqual([undefined, undefined, undefined, 100]);
  });

  it('counts running sync calls per user and frees a slot once, however often released', () => {
    const t = new Throttle(options, () => 0);
    const one = t.enterSync('a')!;
    const two = t.enterSync('a')!;
    expect(t.enterSync('a')).toBeUndefined();
    expect(t.enterSync('b')).toBeDefined();
    one();
    one();
    expect(t.enterSync('a')).toBeDefined();
    expect(t.enterSync('a')).toBeUndefined();
    two();
    expect(t.enterSync('a')).toBeDefined();
  });
});
