import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readState, signState, type SyncState } from './sync-state.js';

const secret = randomBytes(32);
const initial: SyncState = {
  kind: 'items',
  user: 1,
  folder: 7,
  pos: 42,
  snapshot: { hwm: 42, after: { received: 1767225600000, id: 99 } },
};

describe('sync states', () => {
  it('round-trips every kind', () => {
    const states: SyncState[] = [
      initial,
      { kind: 'items', user: 2, folder: 3, pos: 5 },
      { kind: 'hierarchy', user: 1, folder: 0, pos: 17 },
    ];
    for (const s of states) expect(readState(secret, signState(secret, s))).toEqual(s);
  });

  it('is url-safe base64 that says nothing readable of the secret', () => {
    expect(signState(secret, initial)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses any changed, cut, lengthened or foreign token', () => {
    const token = signState(secret, initial);
    for (let i = 0; i < token.length; i += 7) {
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(readState(secret, flipped), `byte ${i}`).toBeUndefined();
    }
    expect(readState(secret, token.slice(0, -1))).toBeUndefined();
    expect(readState(secret, token.slice(0, 20))).toBeUndefined();
    expect(readState(secret, `${token}AA`)).toBeUndefined();
    expect(readState(randomBytes(32), token)).toBeUndefined();
    expect(readState(secret, '')).toBeUndefined();
    expect(readState(secret, 'not base64!')).toBeUndefined();
  });

  it('refuses a correctly signed body that is not a state', () => {
    // What a leaked secret could not make the mailbox do: accept nonsense positions.
    const forge = (o: unknown) => {
      const body = Buffer.from(JSON.stringify(o));
      return Buffer.concat([body, createHmac('sha256', secret).update(body).digest()]).toString('base64url');
    };
    expect(readState(secret, forge({ k: 'i', u: 1, f: 2, p: -1 }))).toBeUndefined();
    expect(readState(secret, forge({ k: 'x', u: 1, f: 2, p: 1 }))).toBeUndefined();
    expect(readState(secret, forge({ k: 'i', u: 1, f: 2, p: 1, h: 1, a: [1.5, 2] }))).toBeUndefined();
    expect(readState(secret, forge({ k: 'i', u: 1, f: 2, p: 1, h: 'x' }))).toBeUndefined();
  });
});
