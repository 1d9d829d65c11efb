import type { Hono } from 'hono';
import { FindFolder, FindItem, type Folder, type FolderId, type Restriction } from '../ews/index.js';
import { answerMessages, messageRefusal, plainAnswer } from './backend-answer.js';
import type { Env } from './connection.js';
import type { Ask } from './ews-backend.js';
import { queryRoute, type QueryRoute } from './json-query.js';

/**
 * `POST /api/search` with `{ "query": "…" }`: the mail server searches the words of every
 * message (the store here holds only subjects, senders and previews) and answers the ids of the
 * newest matches, `{ ids, complete }`, which the page shows from its own store. A POST, so the
 * words stay out of address bars, histories and access logs.
 */
export const MAIL_SEARCH_PATH = '/api/search';

/** Most matches answered, newest first; `complete` is false when there were more. */
export const SEARCH_LIMIT = 100;
/** Words of a query searched for; a longer query is cut. */
export const MAX_SEARCH_WORDS = 8;
const MAX_QUERY_CHARS = 256;
// Exchange Online answers at most 250 items to a restricted FindItem (EWSFindCountLimit). Whether
// that counts a request's folders together or apart is not documented, so a request asks for no
// more in all: 5 folders (each its own response message) of 50 matches each.
const PER_FOLDER = 50;
export const FOLDERS_PER_REQUEST = 5;

export type MailSearch = QueryRoute;

/** What the page gets: ids of matching messages, newest first. */
export interface SearchAnswer {
  ids: string[];
  /** Every match is among `ids` (false: the newest SEARCH_LIMIT, or some folder could not be searched). */
  complete: boolean;
}

export function mailSearch(e: MailSearch): Hono<Env> {
  return queryRoute(MAIL_SEARCH_PATH, e, async (query, ask, c) => {
    const words = searchWords(query);
    if (words.length === 0) return plainAnswer(400, 'Type a word of two letters or more to search for.');
    const listed = await mailFolders(ask);
    if (listed instanceof Response) return listed;
    const found = await findIn(ask, listed.folders, wordsRestriction(words));
    if (found instanceof Response) return found;
    return c.json({ ids: found.ids, complete: found.complete && listed.complete } satisfies SearchAnswer);
  });
}

/**
 * The words searched for: separated by spaces, each of two characters or more (one letter would
 * match nearly every message), without repeats, at most MAX_SEARCH_WORDS.
 */
export function searchWords(query: string): string[] {
  const seen = new Set<string>();
  for (const w of query.slice(0, MAX_QUERY_CHARS).split(/\s+/u))
    if ([...w].length > 1 && !seen.has(w.toLowerCase())) seen.add(w.toLowerCase());
  return [...seen].slice(0, MAX_SEARCH_WORDS);
}

/** Every word in the subject or the text of a message, case and accents aside, as the page's own search. */
export function wordsRestriction(words: string[]): Restriction {
  const has = (value: string): Restriction => ({
    op: 'Or',
    items: (['item:Subject', 'item:Body'] as const).map((fieldURI) => ({
      op: 'Contains',
      path: { fieldURI },
      value,
      containmentMode: 'Substring',
      containmentComparison: 'IgnoreCaseAndNonSpacingCharacters',
    })),
  });
  return words.length === 1 ? has(words[0]!) : { op: 'And', items: words.map(has) };
}

/**
 * The mailbox's mail folders (IPF.Note and its kinds; a folder without a class is mail too; no
 * search folders), and whether that is all of them.
 */
async function mailFolders(ask: Ask): Promise<{ folders: FolderId[]; complete: boolean } | Response> {
  const messages = await answerMessages(
    FindFolder,
    'search',
    await ask(FindFolder, {
      traversal: 'Deep',
      folderShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'folder:FolderClass' }] },
      view: { kind: 'Indexed', maxEntriesReturned: 1000, offset: 0, basePoint: 'Beginning' },
      parentFolderIds: [{ distinguished: 'msgfolderroot' }],
    }),
  );
  if (messages instanceof Response) return messages;
  const [m] = messages;
  if (m!.responseClass !== 'Success') return messageRefusal('search', m!);
  const { folders, includesLastItemInRange } = m!.rootFolder!;
  // The folders the PWA keeps (src/db/folder-kind.ts), so what is found is what the device holds.
  const isMail = (f: Folder) =>
    f.kind === 'Folder' && (!f.folderClass || f.folderClass === 'IPF.Note' || f.folderClass.startsWith('IPF.Note.'));
  return { folders: folders.filter(isMail).flatMap((f) => f.folderId ?? []), complete: includesLastItemInRange };
}

/**
 * The newest SEARCH_LIMIT matches over `folders`, newest first. Each folder gives its newest
 * PER_FOLDER, a batch of folders a request; a folder with more, whose oldest given is still newer
 * than the SEARCH_LIMIT-th match so far, gives its next ones, until no folder can hold a newer one.
 */
async function findIn(ask: Ask, folders: FolderId[], restriction: Restriction): Promise<SearchAnswer | Response> {
  const found: { id: string; at: number }[] = [];
  let complete = true;
  let pending = folders;
  for (let offset = 0; pending.length > 0; offset += PER_FOLDER) {
    // Folders with more matches than they gave, and the oldest match each gave.
    const more: { folder: FolderId; oldest: number }[] = [];
    for (let i = 0; i < pending.length; i += FOLDERS_PER_REQUEST) {
      const batch = pending.slice(i, i + FOLDERS_PER_REQUEST);
      const messages = await answerMessages(
        FindItem,
        'search',
        await ask(FindItem, {
          traversal: 'Shallow',
          itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:DateTimeReceived' }] },
          view: { kind: 'Indexed', maxEntriesReturned: PER_FOLDER, offset, basePoint: 'Beginning' },
          restriction,
          sortOrder: [{ order: 'Descending', path: { fieldURI: 'item:DateTimeReceived' } }],
          parentFolderIds: batch,
        }),
      );
      if (messages instanceof Response) return messages;
      for (const [k, m] of messages.entries()) {
        if (m.responseCode === 'ErrorServerBusy') return messageRefusal('search', m);
        // A folder deleted since it was listed, or one the server will not search: the others still count.
        if (m.responseClass !== 'Success' || !m.rootFolder) {
          complete = false;
          continue;
        }
        let oldest = Infinity;
        for (const item of m.rootFolder.items) {
          const at = Date.parse(item.dateTimeReceived ?? '') || 0;
          oldest = Math.min(oldest, at);
          if (item.itemId) found.push({ id: item.itemId.id, at });
        }
        if (!m.rootFolder.includesLastItemInRange && batch[k]) more.push({ folder: batch[k], oldest });
      }
    }
    found.sort((a, b) => b.at - a.at);
    const cut = found.length >= SEARCH_LIMIT ? found[SEARCH_LIMIT - 1]!.at : -Infinity;
    pending = more.filter((f) => f.oldest >= cut).map((f) => f.folder);
    if (more.length > pending.length) complete = false;
  }
  if (found.length > SEARCH_LIMIT) complete = false;
  return { ids: found.slice(0, SEARCH_LIMIT).map((f) => f.id), complete };
}
