import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What the encrypted cookie carries. The password stays here so proxy mode can sign in upstream. */
export interface Session {
  user: string;
  password: string;
  /** Issued at, ms since the epoch. */
  iat: number;
  /** Expires at, ms since the epoch. */
  exp: number;
}

/** A 256-bit AES-GCM key for session cookies. */
export type SessionKey = Buffer & { readonly __sessionKey: unique symbol };

// AES-256-GCM with a random 96-bit nonce per cookie (NIST SP 800-38D §8.2.2): at one cookie per
// sign-in, nonce reuse is out of reach long before 2^32 cookies.
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Binds the ciphertext to its use, so a token minted for something else never opens as a session.
const AAD = Buffer.from('tern-session-v1');

/**
 * Derives the cookie key from an operator secret (TERN_SESSION_SECRET) or from 32 random bytes
 * kept in the data folder, so every server given the same secret opens the same cookies.
 * @see https://www.rfc-editor.org/rfc/rfc5869 (HKDF)
 */
export function sessionKey(secret: string | Uint8Array): SessionKey {
  return Buffer.from(hkdfSync('sha256', secret, 'tern', 'session cookie', 32)) as SessionKey;
}

/** Encrypts and authenticates a session: base64url(nonce ‖ ciphertext ‖ tag). */
export function sealSession(session: Session, key: SessionKey): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce).setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The session inside `token`, or undefined when it was tampered with, made with another key,
 * malformed or expired at `now`. Never throws: every cookie is attacker-controlled input.
 */
export function openSession(token: string, key: SessionKey, now: number): Session | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= NONCE_BYTES + TAG_BYTES) return undefined;
  let json: string;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, NONCE_BYTES)).setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    json = Buffer.concat([
      decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
  const s = parse(json);
  return s && s.exp > now && s.iat <= now + CLOCK_SKEW_MS ? s : undefined;
}

// Several servers sharing one secret may disagree a little about the time.
const CLOCK_SKEW_MS = 60_000;

function parse(json: string): Session | undefined {
  try {
    const v = JSON.parse(json) as Partial<Session>;
    if (
      typeof v.user === 'string' &&
      typeof v.password === 'string' &&
      typeof v.iat === 'number' &&
      typeof v.exp === 'number'
    )
      return { user: v.user, password: v.password, iat: v.iat, exp: v.exp };
  } catch {
    // An authenticated but unparsable payload can only come from a bug; treat it as signed out.
  }
  return undefined;
}
