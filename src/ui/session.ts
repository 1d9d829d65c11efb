import { db } from './db.js';
import { forgetStore } from './store-loss.js';

/** `GET /api/session` from the Tern server (src/server/auth/session-routes.ts). */
export interface SessionInfo {
  user: string | null;
  mode: 'mailbox' | 'proxy';
}

export type SessionState = { kind: 'signed-in'; user: string } | { kind: 'signed-out' } | { kind: 'unknown' };

const ACCOUNT_KEY = 'tern.account';

/** Asks the server who is signed in. Offline or server down: unknown, and the local mail shows. */
export async function checkSession(): Promise<SessionState> {
  try {
    const res = await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (res.status === 401) return { kind: 'signed-out' };
    if (!res.ok) return { kind: 'unknown' };
    const info = (await res.json()) as Partial<SessionInfo>;
    return typeof info.user === 'string' && info.user !== ''
      ? { kind: 'signed-in', user: info.user }
      : { kind: 'signed-out' };
  } catch {
    return { kind: 'unknown' };
  }
}

export function signInUrl(): string {
  return `/signin?next=${encodeURIComponent('/' + location.hash)}`;
}

/** The account whose mail is stored here (an address, never a credential). */
export function storedAccount(): string | null {
  try {
    return localStorage.getItem(ACCOUNT_KEY);
  } catch {
    return null;
  }
}

/**
 * Makes sure the local store belongs to `user`: another account's mail is deleted before this
 * one's is synced in. Returns true when the store was wiped.
 */
export async function claimStore(user: string): Promise<boolean> {
  const previous = storedAccount();
  if (previous !== null && previous.toLowerCase() === user.toLowerCase()) return false;
  let wiped = false;
  if (previous !== null) {
    forgetStore();
    await db.delete();
    wiped = true;
  }
  try {
    localStorage.setItem(ACCOUNT_KEY, user);
  } catch {
    // Without storage we cannot tell accounts apart; the server still only serves this one.
  }
  return wiped;
}

/** Ends the session on the server, then deletes the local copy (the caller asked about the outbox). */
export async function signOut(): Promise<void> {
  const res = await fetch('/api/session', {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: { 'X-Tern-Client': '1' },
  });
  if (!res.ok && res.status !== 401) throw new Error(`The server answered HTTP ${res.status}.`);
  forgetStore();
  await db.delete();
  try {
    localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // Nothing stored.
  }
  location.assign('/signin');
}
