import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt at N=2^14, r=8: ~16 MiB and tens of milliseconds a try, the OWASP floor for scrypt.
// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

export function hashPassword(password: string): { salt: Buffer; hash: Buffer } {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS) };
}

export function checkPassword(password: string, salt: Buffer, hash: Buffer): boolean {
  const tried = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return tried.length === hash.length && timingSafeEqual(tried, hash);
}

/**
 * Basic-auth clients (exchangelib, DavMail, Thunderbird) send the password with every request;
 * scrypt on each would cost more than the request. A successful check is remembered as an HMAC
 * of (user, password) under the mailbox secret for a few minutes, so a wrong password still pays
 * the full scrypt price and the cache never holds anything that reveals a password.
 */
export class PasswordCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secret: Buffer,
    private readonly clock: () => number,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  private key(user: string, password: string): string {
    return createHmac('sha256', this.secret).update(`${user.toLowerCase()}\0${password}`).digest('base64');
  }

  has(user: string, password: string): boolean {
    const k = this.key(user, password);
    const until = this.seen.get(k);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.seen.delete(k);
    return false;
  }

  add(user: string, password: string): void {
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.set(this.key(user, password), this.clock() + this.ttlMs);
  }
}
