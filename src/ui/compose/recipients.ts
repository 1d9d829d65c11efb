import { foldText, words, type Correspondence } from '../../db/index.js';
import { formatAddress, isValidEmail, separators } from './address.js';

/** Someone mail on this device was exchanged with, as the To, Cc and Bcc fields suggest them. */
export interface Person {
  name: string;
  email: string;
  /** Messages sent to them from here (Sent Items), and received from them. */
  sentTo: number;
  receivedFrom: number;
  /** When the newest of those was, in ms. */
  last: number;
  /** Found in the organisation's directory, not in mail on this device. */
  fromDirectory?: true;
}

// Addresses that take no answers: never suggested unless mail was sent to one from here.
const NO_REPLY = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster)([+._-]|@)/i;
/** Suggestions shown at once. */
export const MAX_SUGGESTIONS = 6;

/**
 * The people in `seen`, one per address (case aside). Each keeps the newest name it came with,
 * preferring one from mail sent from here (the name this person's own mail gave, or the one
 * typed) over one a sender gave themselves.
 */
export function peopleFrom(seen: Iterable<Correspondence>): Person[] {
  const byEmail = new Map<string, Person & { namedBySent: boolean; namedAt: number }>();
  for (const { address, at, sent } of seen) {
    const email = address.email.trim();
    if (!isValidEmail(email)) continue;
    const key = email.toLowerCase();
    let p = byEmail.get(key);
    if (!p) {
      p = { name: '', email, sentTo: 0, receivedFrom: 0, last: 0, namedBySent: false, namedAt: -Infinity };
      byEmail.set(key, p);
    }
    if (sent) p.sentTo++;
    else p.receivedFrom++;
    p.last = Math.max(p.last, at);
    const name = address.name.trim();
    // A name from mail sent from here beats one a sender gave; among equals, the newest wins.
    const better = sent !== p.namedBySent ? sent : at > p.namedAt;
    if (name && name.toLowerCase() !== key && better) {
      p.name = name;
      p.namedBySent = sent;
      p.namedAt = at;
    }
  }
  return [...byEmail.values()]
    .filter((p) => p.sentTo > 0 || !NO_REPLY.test(p.email))
    .map(({ name, email, sentTo, receivedFrom, last }) => ({ name, email, sentTo, receivedFrom, last }));
}

/**
 * The people `query` may mean, best first: those it begins a word of (of the name, or of the
 * address: `ada`, `lovelace`, `tern` for "Ada Lovelace <ada.lovelace@tern.test>"), case and
 * accents aside; the address typed so far when it has an @ or a dot. Those mail went to from
 * here come first, the most written to first: writing to someone says more than hearing from
 * them, since anyone can send mail. Then the most heard from, then the newest. `exclude`:
 * addresses already in the field.
 */
export function suggest(
  all: readonly Person[],
  query: string,
  exclude: ReadonlySet<string> = new Set(),
  limit = MAX_SUGGESTIONS,
): Person[] {
  const q = foldText(query.trim());
  if (!q) return [];
  const matches = (p: Person) => {
    const email = p.email.toLowerCase();
    if (q.includes('@') || q.includes('.')) return email.startsWith(q) || foldText(p.name).startsWith(q);
    return [...words(p.name), ...words(email)].some((w) => w.startsWith(q));
  };
  return all
    .filter((p) => !exclude.has(p.email.toLowerCase()) && matches(p))
    .sort((a, b) => b.sentTo - a.sentTo || b.receivedFrom - a.receivedFrom || b.last - a.last)
    .slice(0, limit);
}

/**
 * The suggestions `local` (this device's, best first) followed by the people the directory found
 * for the same query that are neither among them nor in the field (`exclude`), up to `limit`:
 * someone written to before stays above a namesake from the directory.
 */
export function withDirectory(
  local: readonly Person[],
  directory: readonly Person[],
  exclude: ReadonlySet<string>,
  limit = MAX_SUGGESTIONS,
): Person[] {
  const seen = new Set([...exclude, ...local.map((p) => p.email.toLowerCase())]);
  const more = directory.filter((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...local, ...more].slice(0, limit);
}

/** The part of an address list the caret is in: from the separator before it to the one after. */
export interface Token {
  start: number;
  end: number;
  /** What was typed of it up to the caret, trimmed: the query. */
  typed: string;
}

/** The entry of `value` (addresses separated by commas or semicolons) that the caret is in. */
export function tokenAt(value: string, caret: number): Token {
  const cuts = separators(value);
  const before = cuts.filter((i) => i < caret).at(-1);
  const start = before === undefined ? 0 : before + 1;
  const end = cuts.find((i) => i >= caret) ?? value.length;
  return { start, end, typed: value.slice(start, Math.max(start, caret)).trim() };
}

/**
 * `value` with the entry `token` replaced by `person`, and a separator after it so the next one
 * can be typed at once; `caret` is where typing goes on.
 */
export function acceptSuggestion(value: string, token: Token, person: Person): { value: string; caret: number } {
  const before = value.slice(0, token.start);
  const after = value.slice(token.end).replace(/^[,;]\s*/, '');
  const entry = `${before && !/\s$/.test(before) ? ' ' : ''}${formatAddress(person)}, `;
  return { value: before + entry + after, caret: before.length + entry.length };
}
