import { describe, expect, it } from 'vitest';
import { CodecError, SoapFault } from '../ews/index.js';
import { describeError } from './describe-error.js';
import { EwsError, StoppedError, ThrottledError } from './errors.js';
import { TransportError } from './transport.js';

const at = new Date(2026, 0, 1, 10, 40, 0).getTime();
const until = new Date(2026, 0, 1, 10, 42, 5).getTime();

describe('describeError', () => {
  it('says when a back-off ends', () => {
    expect(describeError(new ThrottledError(until), at)).toEqual({ kind: 'throttled', at, retryAt: until });
    expect(describeError(new TransportError('busy', 'x', 503), at, until)).toEqual({
      kind: 'throttled',
      at,
      retryAt: until,
    });
  });

  it('tells sign-in, offline, pause and an unreachable server apart', () => {
    expect(describeError(new TransportError('auth', 'x', 401), at)).toEqual({ kind: 'auth', at, code: 'expired' });
    expect(describeError(new StoppedError('signin-needed'), at)).toEqual({ kind: 'auth', at });
    expect(describeError(new TransportError('offline', 'x'), at)).toEqual({ kind: 'offline', at });
    expect(describeError(new StoppedError('offline'), at)).toEqual({ kind: 'offline', at });
    expect(describeError(new StoppedError('paused'), at)).toEqual({ kind: 'paused', at });
    expect(describeError(new TransportError('unreachable', 'x'), at, until)).toEqual({
      kind: 'unreachable',
      at,
      retryAt: until,
    });
    expect(describeError(new TransportError('unreachable', 'x'), at)).toEqual({ kind: 'unreachable', at });
  });

  it('names the server’s code for EWS errors, what could not be read, and the store’s troubles', () => {
    expect(describeError(new SoapFault('ErrorSchemaValidation', 'bad'), at)).toEqual({
      kind: 'server',
      at,
      code: 'ErrorSchemaValidation',
    });
    expect(describeError(new EwsError('ErrorMailboxStoreUnavailable', 'down'), at, until)).toEqual({
      kind: 'server',
      at,
      code: 'ErrorMailboxStoreUnavailable',
      retryAt: until,
    });
    expect(describeError(new CodecError('malformed-xml', 'x'), at)).toEqual({
      kind: 'unreadable',
      at,
      code: 'malformed-xml',
    });
    const quota = Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    expect(describeError(quota, at)).toEqual({ kind: 'storage', at, code: 'quota' });
    const closed = Object.assign(new Error('closed'), { name: 'DatabaseClosedError' });
    expect(describeError(closed, at)).toEqual({ kind: 'storage', at, code: 'closed' });
    expect(describeError(new TypeError('boom'), at)).toEqual({ kind: 'bug', at, code: 'boom' });
  });
});
