import type { MessageRow } from './entities.js';
import type { MailDB } from './schema.js';
import { categoriesInUse } from './categories.js';
import { hasOperators, parseSearch, passesOperators } from './search-query.js';
import { foldText, MAX_TERM_LENGTH, words } from './terms.js';

// The search as you type, in its own file beside db's named queries: its words, its operators and
// the indexes it picks from.

// Below this many candidates the matches are read and sorted; above it the newest rows are
// walked on the receivedAt index until `limit` matches are found, so a one-letter query over
// 25,000 messages stops early instead of loading every match.
const SORT_IN_MEMORY = 400;

/**
 * Search as you type, offline: every word of `query` must be a prefix of a word of the subject,
 * the sender or the preview, and the message must pass its operators (`from:`, `category:`,
 * `is:unread`, `is:read`, `is:flagged`, `has:attachment`; see search-query.ts). Newest first, at
 * most `limit` rows. The candidates come from the most selective index the query allows: its
 * rarest word, its category, its sender; with operators alone on flags, the newest rows first.
 */
export async function searchMessages(db: MailDB, query: string, limit = 50): Promise<MessageRow[]> {
  const q = parseSearch(query);
  const wanted = [...new Set(words(q.text).map((w) => w.slice(0, MAX_TERM_LENGTH)))];
  if ((wanted.length === 0 && !hasOperators(q)) || limit <= 0) return [];
  const matches = (m: MessageRow) => wanted.every((w) => m.terms.some((t) => t.startsWith(w))) && passesOperators(m, q);
  // Words to find candidates by: the search's own, or else (with no category) the sender's.
  const keys = wanted.length || q.categories.length ? wanted : q.from.map((w) => w.slice(0, MAX_TERM_LENGTH));
  let ids: Set<string>;
  if (keys.length)
    ids = new Set(
      await db.messages
        .where('terms')
        .startsWith(await rarest(db, keys))
        .primaryKeys(),
    );
  else if (q.categories.length) {
    // The index's names that read as the one asked for, accents and case aside.
    const names = (await categoriesInUse(db)).filter((c) => foldText(c) === q.categories[0]);
    ids = new Set(await db.messages.where('categories').anyOf(names).primaryKeys());
  } else return db.messages.orderBy('receivedAt').reverse().filter(matches).limit(limit).toArray();
  if (ids.size <= SORT_IN_MEMORY) {
    const rows = (await db.messages.bulkGet([...ids])).filter((m): m is MessageRow => !!m && matches(m));
    return rows.sort((a, b) => b.receivedAt - a.receivedAt).slice(0, limit);
  }
  return db.messages
    .orderBy('receivedAt')
    .reverse()
    .filter((m) => ids.has(m.id) && matches(m))
    .limit(limit)
    .toArray();
}

/**
 * The word of a search that begins the fewest indexed words: its matches are read, and the other
 * words tested on them. Counting reads only the index; the longest word is not always the rarest
 * ("bulk 4999" in a folder where every message says "bulk").
 */
async function rarest(db: MailDB, words: string[]): Promise<string> {
  if (words.length === 1) return words[0]!;
  const counts = await Promise.all(words.map((w) => db.messages.where('terms').startsWith(w).count()));
  return words[counts.indexOf(Math.min(...counts))]!;
}
