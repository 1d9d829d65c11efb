import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession, sealSession, sessionKey, type Session } from './session-cookie.js';
import { loadSessionSecret } from './session-secret-file.js';

const NOW = 1_800_000_000_000;
const session: Session = { user: 'demo@tern.test', password: 'p4ss wörd', iat: NOW, exp: NOW + 3_600_000 };
const key = sessionKey('a'.repeat(32));

describe('sealSession / openSession', () => {
  it('round-trips a session and never shows the password in the token', () => {
    const token = sealSession(session, key);
    expect(openSession(token, key, NOW + 1000)).toEqual(session);
    expect(token).not.toContain('demo');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('p4ss');
  });

  it('uses a fresh nonce for every cookie', () => {
    expect(sealSession(session, key)).not.toBe(sealSession(session, key));
  });

  it('refuses a token with any byte changed', () => {
    const raw = Buffer.from(sealSession(session, key), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 1;
      expect(openSession(bad.toString('base64url'), key, NOW)).toBeUndefined();
    }
  });

  it('refuses a token sealed with another secret', () => {
    expect(openSession(sealSession(session, sessionKey('b'.repeat(32))), key, NOW)).toBeUndefined();
  });

  it('refuses an expired session and one issued in the future', () => {
    const token = sealSession(session, key);
    expect(openSession(token, key, session.exp)).toBeUndefined();
    expect(openSession(token, key, NOW - 120_000)).toBeUndefined();
  });

  it.each(['', 'x', '!!!!', 'a'.repeat(10), 'a.b.c'])('refuses the garbage token %j', (token) => {
    expect(openSession(token, key, NOW)).toBeUndefined();
  });
});

describe('loadSessionSecret', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tern-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('creates the key once, owner-only, and returns the same key afterwards', () => {
    const dir = join(tempDir(), 'nested');
    const first = loadSessionSecret(dir);
    expect(first).toHaveLength(32);
    expect(loadSessionSecret(dir)).toEqual(first);
    expect(statSync(join(dir, 'session.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'session.key'), 'utf8').trim()).toBe(first.toString('hex'));
  });

  it('refuses a damaged key file with a message that says how to recover', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'session.key'), 'not a key');
    expect(() => loadSessionSecret(dir)).toThrow(/delete it to generate a new one/);
  });
});
