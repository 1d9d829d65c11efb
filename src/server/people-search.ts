import type { Hono } from 'hono';
import { ResolveNames, type Resolution } from '../ews/index.js';
import { answerMessages, messageRefusal, plainAnswer } from './backend-answer.js';
import type { Env } from './connection.js';
import { queryRoute, type QueryRoute } from './json-query.js';

/**
 * `POST /api/people` with `{ "query": "…" }`: the people the organisation's directory (and the
 * user's contacts, as Exchange looks by default) has whose name or address begins with it, for
 * the composer to offer beside those of this device: `{ people: [{ name, email }] }`. A POST, as
 * the search: what is typed stays out of address bars and access logs.
 */
export const PEOPLE_PATH = '/api/people';

/** Shorter than this matches half the directory; Outlook on the web waits for as much. */
export const MIN_QUERY_CHARS = 2;
const MAX_QUERY_CHARS = 256;

/** One person the directory has: the address mail can go to, and the name beside it. */
export interface DirectoryPerson {
  name: string;
  email: string;
}

export function peopleSearch(e: QueryRoute): Hono<Env> {
  return queryRoute(PEOPLE_PATH, e, async (typed, ask, c) => {
    const query = typed.trim();
    if ([...query].length < MIN_QUERY_CHARS || query.length > MAX_QUERY_CHARS)
      return plainAnswer(400, `Type ${MIN_QUERY_CHARS} to ${MAX_QUERY_CHARS} characters of a name or an address.`);
    const messages = await answerMessages(
      ResolveNames,
      'look-up',
      await ask(ResolveNames, { unresolvedEntry: query, returnFullContactData: false }),
    );
    if (messages instanceof Response) return messages;
    const [m] = messages;
    // Nobody is an answer, not a failure.
    if (m!.responseCode === 'ErrorNameResolutionNoResults') return c.json({ people: [] });
    if (m!.responseClass === 'Error') return messageRefusal('look-up', m!);
    return c.json({ people: peopleIn(m!.resolutionSet?.resolutions ?? []) });
  });
}

/**
 * The resolutions that name an SMTP address, once each. Exchange may answer a directory entry
 * with no SMTP address (an X.500 one, RoutingType "EX"): mail cannot be addressed to it here.
 */
function peopleIn(resolutions: Resolution[]): DirectoryPerson[] {
  const seen = new Set<string>();
  const people: DirectoryPerson[] = [];
  for (const { mailbox: m } of resolutions) {
    const email = m.emailAddress?.trim() ?? '';
    if (!email.includes('@') || (m.routingType && m.routingType !== 'SMTP') || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    people.push({ name: m.name?.trim() ?? '', email });
  }
  return people;
}
