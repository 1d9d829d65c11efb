import { describe, expect, it } from 'vitest';
import { deriveConnection, type ConnectionInputs } from './connection.js';

const base: ConnectionInputs = { paused: false, networkOnline: true, now: 1000 };

describe('deriveConnection', () => {
  it('is online with nothing to say', () => {
    expect(deriveConnection(base)).toEqual({ kind: 'online' });
    expect(deriveConnection({ ...base, lastOutcome: 'ok' })).toEqual({ kind: 'online' });
  });

  it('puts the user’s pause first', () => {
    expect(deriveConnection({ ...base, paused: true, networkOnline: false, lastOutcome: 'auth' })).toEqual({
      kind: 'paused',
    });
  });

  it('is offline when the device says so or a request found no network', () => {
    expect(deriveConnection({ ...base, networkOnline: false })).toEqual({ kind: 'offline' });
    expect(deriveConnection({ ...base, lastOutcome: 'offline' })).toEqual({ kind: 'offline' });
    expect(deriveConnection({ ...base, networkOnline: false, lastOutcome: 'auth' })).toEqual({ kind: 'offline' });
  });

  it('asks for sign-in after a 401, even while a back-off runs', () => {
    expect(deriveConnection({ ...base, lastOutcome: 'auth', throttledUntil: 5000 })).toEqual({ kind: 'signin-needed' });
  });

  it('shows a back-off until it has passed', () => {
    expect(deriveConnection({ ...base, lastOutcome: 'throttled', throttledUntil: 5000 })).toEqual({
      kind: 'throttled',
      until: 5000,
    });
    expect(deriveConnection({ ...base, lastOutcome: 'throttled', throttledUntil: 999 })).toEqual({ kind: 'online' });
  });

  it('is unreachable when the last request got no answer', () => {
    expect(deriveConnection({ ...base, lastOutcome: 'unreachable' })).toEqual({ kind: 'unreachable' });
  });
});
