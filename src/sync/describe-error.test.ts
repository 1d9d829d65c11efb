import { describe, expect, it } from 'vitest';
import { CodecError, SoapFault } from '../ews/index.js';
import { clockTime, describeError } from './describe-error.js';
import { EwsError, StoppedError, ThrottledError } from './errors.js';
import { TransportError } from './transport.js';

const at = new Date(2026, 0, 1, 10, 40, 0).getTime();
const until = new Date(2026, 0, 1, 10, 42, 5).getTime();

describe('describeError', () => {
  it('says when a back-off ends, in local time', () => {
    expect(clockTime(until)).toBe('10:42:05');
    expect(describeError(new ThrottledError(until), at)).toEqual({
      kind: 'throttled',
      at,
      message: 'The server asked us to slow down; retrying at 10:42:05.',
    });
  });

  it('tells sign-in, offline, pause and an unreachable server apart', () => {
    expect(describeError(new TransportError('auth', 'x', 401), at).kind).toBe('auth');
    expect(describeError(new StoppedError('signin-needed'), at).kind).toBe('auth');
    expect(describeError(new TransportError('offline', 'x'), at).kind).toBe('offline');
    expect(describeError(new StoppedError('paused'), at).message).toMatch(/^Working offline/);
    const unreachable = describeError(new TransportError('unreachable', 'x'), at, until);
    expect(unreachable).toMatchObject({
      kind: 'unreachable',
      message: 'The server could not be reached. Trying again at 10:42:05.',
    });
  });

  it('names the server’s code for EWS errors, and the store’s troubles in words', () => {
    expect(describeError(new SoapFault('ErrorSchemaValidation', 'bad'), at).message).toContain('ErrorSchemaValidation');
    expect(describeError(new EwsError('ErrorMailboxStoreUnavailable', 'down'), at).kind).toBe('server');
    expect(describeError(new CodecError('malformed-xml', 'x'), at).kind).toBe('server');
    const quota = Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    expect(describeError(quota, at)).toMatchObject({ kind: 'storage', message: expect.stringMatching(/no room/) });
    expect(describeError(new TypeError('boom'), at)).toMatchObject({
      kind: 'bug',
      message: 'Something went wrong in Tern: boom',
    });
  });
});
