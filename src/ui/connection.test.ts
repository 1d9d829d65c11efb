import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync/protocol.js';
import { connectionOf } from './connection.js';

const status = (connection: SyncStatus['connection']): SyncStatus => ({
  connection,
  phase: 'idle',
  done: 0,
  total: 0,
  pendingOutbox: 0,
});

describe('connectionOf', () => {
  it('is offline as soon as the page is, whatever the worker last said', () => {
    expect(connectionOf(status({ kind: 'online' }), false)).toEqual({ kind: 'offline' });
    expect(connectionOf(undefined, false)).toEqual({ kind: 'offline' });
  });

  it("keeps the user's pause above everything", () => {
    expect(connectionOf(status({ kind: 'paused' }), false)).toEqual({ kind: 'paused' });
  });

  it("shows the worker's view when the page is online", () => {
    expect(connectionOf(status({ kind: 'unreachable' }), true)).toEqual({ kind: 'unreachable' });
    expect(connectionOf(status({ kind: 'throttled', until: 5 }), true)).toEqual({ kind: 'throttled', until: 5 });
    expect(connectionOf(status({ kind: 'signin-needed' }), true)).toEqual({ kind: 'signin-needed' });
  });

  it('does not keep saying offline once the page is back online and the worker has not caught up', () => {
    expect(connectionOf(status({ kind: 'offline' }), true)).toEqual({ kind: 'online' });
    expect(connectionOf(undefined, true)).toEqual({ kind: 'online' });
  });
});
