/** Where the Tern server searches message text (src/server/mail-search.ts). */
const SEARCH_PATH = '/api/search';

/** What the server's search found, or why there is nothing to show. */
export type ServerFound =
  | { kind: 'found'; ids: string[]; complete: boolean }
  | { kind: 'signin-needed' }
  | { kind: 'busy'; retryAfterSec: number | undefined }
  | { kind: 'unreachable' }
  | { kind: 'failed'; message: string };

/**
 * Asks the Tern server to search the text of every message for the words of `query`: the store
 * here holds subjects, senders and previews, not whole bodies. The page asks the server itself,
 * as for downloads: nothing is stored, and the worker has nothing to replay later.
 */
export async function searchServer(query: string, signal?: AbortSignal): Promise<ServerFound> {
  let res: Response;
  let body: string;
  try {
    res = await fetch(SEARCH_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
      ...(signal ? { signal } : {}),
    });
    // Read here, so that an answer that breaks off partway is "unreachable" like no answer.
    body = await res.text();
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: 'unreachable' };
  }
  if (res.status === 401) return { kind: 'signin-needed' };
  if (res.status === 503) {
    const after = Number(res.headers.get('retry-after'));
    return { kind: 'busy', retryAfterSec: after > 0 ? after : undefined };
  }
  if (!res.ok) return { kind: 'failed', message: body.slice(0, 500) || `HTTP ${res.status}` };
  let found: { ids?: unknown; complete?: unknown } | null;
  try {
    found = JSON.parse(body) as typeof found;
  } catch {
    // A portal or a proxy's page in place of the answer: say so, rather than wait forever.
    return { kind: 'failed', message: `its answer was unreadable (HTTP ${res.status})` };
  }
  const ids = Array.isArray(found?.ids) ? found.ids.filter((id): id is string => typeof id === 'string') : [];
  return { kind: 'found', ids, complete: found?.complete === true };
}
