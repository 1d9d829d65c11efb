import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

const limits = { windowMs: 60_000, maxFailuresPerIp: 5, maxFailuresPerAccount: 3, maxTracked: 100 };

function limiter() {
  let now = 0;
  const l = new LoginLimiter(limits, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

describe('LoginLimiter', () => {
  it('blocks an account after its limit, from any address, until the oldest failure leaves the window', () => {
    const { l, advance } = limiter();
    l.fail('1.1.1.1', 'demo@tern.test');
    advance(10_000);
    l.fail('2.2.2.2', 'Demo@Tern.test');
    expect(l.retryAfterMs('3.3.3.3', 'demo@tern.test')).toBe(0);
    l.fail('3.3.3.3', 'demo@tern.test');
    expect(l.retryAfterMs('4.4.4.4', 'DEMO@tern.test')).toBe(50_000);
    expect(l.retryAfterMs('4.4.4.4', 'ada@tern.test')).toBe(0);
    advance(50_000);
    expect(l.retryAfterMs('4.4.4.4', 'demo@tern.test')).toBe(0);
  });

  it('blocks an address that tries many accounts', () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) l.fail('6.6.6.6', `user${i}@tern.test`);
    expect(l.retryAfterMs('6.6.6.6', 'someone@tern.test')).toBe(60_000);
    expect(l.retryAfterMs('7.7.7.7', 'someone@tern.test')).toBe(0);
  });

  it('forgets an account’s failures when its owner signs in', () => {
    const { l } = limiter();
    l.fail('1.1.1.1', 'demo@tern.test');
    l.fail('1.1.1.1', 'demo@tern.test');
    l.succeed('demo@tern.test');
    l.fail('1.1.1.1', 'demo@tern.test');
    expect(l.retryAfterMs('1.1.1.1', 'demo@tern.test')).toBe(0);
  });

  it('keeps memory bounded by forgetting the oldest keys', () => {
    let now = 0;
    const l = new LoginLimiter({ ...limits, maxTracked: 4 }, () => now);
    for (let i = 0; i < 3; i++) l.fail('9.9.9.9', 'victim@tern.test');
    expect(l.retryAfterMs('0.0.0.0', 'victim@tern.test')).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) l.fail(`10.0.0.${i}`, `u${i}`);
    now += 1;
    expect(l.retryAfterMs('0.0.0.0', 'victim@tern.test')).toBe(0);
  });
});
