// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { Command, SyncStatus } from '../sync/protocol.js';

// What the page tells the worker, recorded (the worker itself is not what this tests).
const sent: Command[] = [];
vi.mock('./sync-client.js', async () => {
  const { createStore } = await import('./hooks/store.js');
  return {
    syncStatus: createStore<SyncStatus | undefined>(undefined),
    send: (c: Command) => sent.push(c),
    requestPeriodicSync: () => {},
  };
});

const { syncStatus } = await import('./sync-client.js');
const { startSyncTriggers, SETTLE_RETRY_MS } = await import('./sync-triggers.js');

const status = (kind: 'online' | 'unreachable'): SyncStatus => ({
  connection: { kind },
  phase: 'idle',
  done: 0,
  total: 0,
  pendingOutbox: 0,
});
// The minute's poll runs too; what matters here is the rest.
const syncs = () =>
  sent
    .filter((c) => c.type === 'sync-now')
    .map((c) => (c as { reason: string }).reason)
    .filter((r) => r !== 'poll');

describe('sync triggers when the network returns', () => {
  it('sync at once, then again soon while the server stays out of reach, and stop once it answers', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    startSyncTriggers();
    expect(syncs()).toEqual(['startup']);

    syncStatus.set(status('unreachable'));
    window.dispatchEvent(new Event('online'));
    expect(syncs()).toEqual(['startup', 'online']);
    vi.advanceTimersByTime(SETTLE_RETRY_MS[0]!);
    expect(syncs()).toEqual(['startup', 'online', 'online']);

    // The server answers: the later retries stay quiet.
    syncStatus.set(status('online'));
    vi.advanceTimersByTime(SETTLE_RETRY_MS.at(-1)!);
    expect(syncs()).toEqual(['startup', 'online', 'online']);

    // Gone again before any retry: none is made.
    syncStatus.set(status('unreachable'));
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(SETTLE_RETRY_MS.at(-1)!);
    expect(syncs()).toEqual(['startup', 'online', 'online', 'online']);
    vi.useRealTimers();
  });
});

describe('sync triggers while the page is open', () => {
  it('polls every minute even hidden, skips a poll when any pass ended within half a minute, and syncs on focus', async () => {
    vi.resetModules();
    sent.length = 0;
    const client = await import('./sync-client.js');
    const triggers = await import('./sync-triggers.js');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    // A minimised app: its badge still counts new mail.
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    triggers.startSyncTriggers();
    const reasons = (reason: string) =>
      sent.filter((c) => c.type === 'sync-now' && (c as { reason: string }).reason === reason).length;

    vi.advanceTimersByTime(60_000);
    expect(reasons('poll')).toBe(1);
    // Another tab's pass ends 45 s later: the next poll, 15 s after it, is not needed.
    client.syncStatus.set({ ...status('online'), lastSynced: Date.now() + 45_000 });
    vi.advanceTimersByTime(60_000);
    expect(reasons('poll')).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(reasons('poll')).toBe(2);

    // (The first test's page listens too: at least one asks.)
    window.dispatchEvent(new Event('focus'));
    expect(reasons('focus')).toBeGreaterThan(0);
    vi.useRealTimers();
  });
});
