import Dexie from 'dexie';
import type { BodyRow, FolderRow, MessageRow, OutboxEntry } from './entities.js';
import type { MailDB } from './schema.js';
import { isMailFolder, WELL_KNOWN_ORDER } from './folder-kind.js';
import { isLocalId } from './local-ids.js';
import { categoriesInUse } from './categories.js';
import { hasOperators, parseSearch, passesOperators } from './search-query.js';
import { foldText, MAX_TERM_LENGTH, words } from './terms.js';

/**
 * Named read queries shared by the UI (through live queries) and the engine. None of them loads
 * a whole folder: lists are windowed on the `[folderId+receivedAt]` index, counts are stored.
 */

export interface FolderNode extends FolderRow {
  children: FolderNode[];
}

/**
 * The mail folders as a tree: well-known folders first (Inbox, Drafts, Sent…), then the others
 * by name; children by name. A folder whose parent is not a stored mail folder is top-level
 * (msgfolderroot itself is never stored).
 *
 * `browsing` gives the tree a person moves about in and files mail into: without the server's
 * Outbox while it holds nothing. Tern's own outbox is where what waits to be sent shows, and a
 * second, empty "Outbox" beside it would only mislead; one that holds mail (another program's,
 * still queued) stays in sight.
 */
export async function folderTree(db: MailDB, { browsing = false } = {}): Promise<FolderNode[]> {
  const rows = (await db.folders.toArray()).filter(
    (f) => isMailFolder(f) && !(browsing && f.distinguished === 'outbox' && f.total === 0 && f.childCount === 0),
  );
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as FolderNode[] }]));
  const top: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.parentId);
    (parent ? parent.children : top).push(node);
  }
  const sort = (list: FolderNode[]) => {
    list.sort(compareFolders);
    list.forEach((n) => sort(n.children));
  };
  sort(top);
  return top;
}

function compareFolders(a: FolderRow, b: FolderRow): number {
  const rank = (f: FolderRow) => {
    const i = f.distinguished ? WELL_KNOWN_ORDER.indexOf(f.distinguished) : -1;
    return i < 0 ? WELL_KNOWN_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/** The folder with a well-known name (inbox, drafts, sentitems, deleteditems…), when synced. */
export function distinguishedFolder(db: MailDB, name: string): Promise<FolderRow | undefined> {
  return db.folders.where('distinguished').equals(name).first();
}

/** One window of a folder's messages, newest first. */
export function messagePage(db: MailDB, folderId: string, offset: number, limit: number): Promise<MessageRow[]> {
  return db.messages
    .where('[folderId+receivedAt]')
    .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray();
}

/** The stored counts of a folder (never a count() of rows). */
export async function messageCount(db: MailDB, folderId: string): Promise<{ total: number; unread: number }> {
  const f = await db.folders.get(folderId);
  return { total: f?.total ?? 0, unread: f?.unread ?? 0 };
}

export function getMessage(db: MailDB, id: string): Promise<MessageRow | undefined> {
  return db.messages.get(id);
}

/** The stored body, or undefined when it has not been fetched (ask the worker: `fetch-body`). */
export function getBody(db: MailDB, id: string): Promise<BodyRow | undefined> {
  return db.bodies.get(id);
}

/**
 * A draft on the server whose body here lists none of the files its row says it has: the body was
 * written on this device before the server named them (the fetch after its save did not happen).
 * Its files can be neither shown nor kept by a remake until the server's body is fetched again.
 */
export function draftFilesUnlisted(message: MessageRow, body: BodyRow): boolean {
  return !!message.isDraft && !isLocalId(message.id) && message.hasAttachments === 1 && body.attachments.length === 0;
}

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

/** The outbox, oldest first, for the Outbox view. */
export function outboxEntries(db: MailDB): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray();
}

/** Entries still waiting to reach the server (the outbox is small: a count is cheap here). */
export function pendingCount(db: MailDB): Promise<number> {
  return db.outbox.count();
}
