import { isValidEmail } from './address.js';
import type { Person } from './recipients.js';

/** Where the Tern server looks people up (src/server/people-search.ts). */
const PEOPLE_PATH = '/api/people';
/** The server's shortest query: fewer letters match half an organisation. */
export const DIRECTORY_MIN_CHARS = 2;

/**
 * The people the organisation's directory has for `query` (Exchange's ResolveNames, through the
 * Tern server), as suggestions ranked after everyone of this device; undefined when it cannot
 * say (offline, signed out, a busy or an older server), so that the question is asked again
 * later. The device's own suggestions then stand alone, as they do offline; nothing here is
 * stored. Rejects only when `signal` aborts it.
 */
export async function lookUpDirectory(query: string, signal: AbortSignal): Promise<Person[] | undefined> {
  let found: { people?: unknown };
  try {
    const res = await fetch(PEOPLE_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
      signal,
    });
    if (!res.ok) return undefined;
    found = (await res.json()) as typeof found;
  } catch (err) {
    if (signal.aborted) throw err;
    return undefined;
  }
  const people = Array.isArray(found?.people) ? (found.people as { name?: unknown; email?: unknown }[]) : [];
  return people.flatMap((p) =>
    typeof p?.email === 'string' && isValidEmail(p.email)
      ? [
          {
            name: typeof p.name === 'string' ? p.name : '',
            email: p.email,
            sentTo: 0,
            receivedFrom: 0,
            last: 0,
            fromDirectory: true as const,
          },
        ]
      : [],
  );
}
