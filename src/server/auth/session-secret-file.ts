import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_KEY_FILE = 'session.key';

/**
 * The session secret kept in `<dataDir>/session.key`: created once (32 random bytes, hex, owner-only)
 * so that sessions survive restarts without the operator setting TERN_SESSION_SECRET.
 */
export function loadSessionSecret(dataDir: string): Buffer {
  const path = join(dataDir, SESSION_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two servers starting together keep one secret.
    writeFileSync(path, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new Error(`${path} does not hold a session key (64 hex digits); delete it to generate a new one.`);
  return Buffer.from(hex, 'hex');
}
