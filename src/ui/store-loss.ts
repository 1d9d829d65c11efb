import type { MailDB } from '../db/index.js';
import { createStore } from './hooks/store.js';

/**
 * Noticing that the browser deleted the local store (SECURITY.md §6.2). Under storage pressure
 * a browser evicts an origin's IndexedDB and localStorage whole, silently, but keeps its cookies.
 * So a cookie names the store this device holds, and a store without that name is a new one:
 * the mail comes back with the next pass, but changes that had not reached the server went with
 * the old store, and the user must hear so rather than find an outbox quietly empty.
 */

/** Meta row (read by pages only): this store's name, made when it was created. */
const STORE_ID = 'storeId';
const COOKIE = 'tern_store';
// The longest lifetime browsers keep a cookie for (400 days, RFC 6265bis); each start renews it.
const MAX_AGE_S = 400 * 24 * 3600;

/** Where the store's name is remembered outside the store. */
export interface StoreMark {
  read(): string | undefined;
  write(id: string): void;
  clear(): void;
}

/** Set when this start found the store gone: the app says so until dismissed. */
export const storeLost = createStore(false);

/**
 * Names the store (once) and remembers its name; true when the name remembered is another's,
 * that is, when the store this device held is gone.
 */
export async function checkStoreKept(db: MailDB, mark: StoreMark = cookieMark): Promise<boolean> {
  const remembered = mark.read();
  const id = await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(STORE_ID);
    if (typeof row?.value === 'string') return row.value;
    const fresh = crypto.randomUUID();
    await db.meta.put({ key: STORE_ID, value: fresh });
    return fresh;
  });
  mark.write(id);
  return remembered !== undefined && remembered !== id;
}

/**
 * A cookie only this page reads (the server ignores it). `Clear-Site-Data: "cookies"` on
 * sign-out removes it with the session, and a deliberate wipe clears it first (`forgetStore`).
 */
export const cookieMark: StoreMark = {
  read() {
    const pair = document.cookie.split('; ').find((c) => c.startsWith(`${COOKIE}=`));
    return pair?.slice(COOKIE.length + 1) || undefined;
  },
  write(id) {
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${COOKIE}=${id}; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Strict${secure}`;
  },
  clear() {
    document.cookie = `${COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
  },
};

/** Before Tern itself deletes the store (sign-out, another account): that is no loss to report. */
export function forgetStore(mark: StoreMark = cookieMark): void {
  mark.clear();
}
