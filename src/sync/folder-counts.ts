import { GetFolder } from '../ews/index.js';
import { isLocalId, isMailFolder, META, type MailDB } from '../db/index.js';
import type { SyncContext } from './context.js';
import { COUNTS_SHAPE, DISTINGUISHED } from './shapes.js';

export interface ServerCounts {
  total: number;
  unread: number;
}

export interface CountsResult {
  counts: Map<string, ServerCounts>;
  /** Stored folders the server no longer knows. */
  gone: string[];
}

const NOT_FOUND = new Set(['ErrorFolderNotFound', 'ErrorItemNotFound']);

/**
 * One GetFolder for every mail folder and the well-known names: the counts tell which folders
 * changed (SyncFolderHierarchy does not report count changes), and the names tell which folder
 * is the Inbox, Drafts, Sent Items… One response message per id, in request order.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 */
export async function refreshCounts(ctx: SyncContext): Promise<CountsResult> {
  const { db } = ctx;
  const folders = (await db.folders.toArray()).filter((f) => isMailFolder(f) && !isLocalId(f.id));
  const messages = await ctx.call(GetFolder, {
    folderShape: COUNTS_SHAPE,
    folderIds: [...DISTINGUISHED.map((distinguished) => ({ distinguished })), ...folders.map((f) => ({ id: f.id }))],
  });
  const known: Record<string, string> = {};
  DISTINGUISHED.forEach((name, i) => {
    const m = messages[i];
    const id = m?.responseClass !== 'Error' ? m?.folders?.[0]?.folderId?.id : undefined;
    if (id) known[name] = id;
  });
  const counts = new Map<string, ServerCounts>();
  const gone: string[] = [];
  folders.forEach((f, j) => {
    const m = messages[DISTINGUISHED.length + j];
    if (!m) return;
    if (m.responseClass === 'Error') {
      if (NOT_FOUND.has(m.responseCode)) gone.push(f.id);
      return;
    }
    const s = m.folders?.[0];
    counts.set(f.id, { total: s?.totalCount ?? 0, unread: s?.unreadCount ?? 0 });
  });
  await store(db, known, counts);
  return { counts, gone };
}

/** Writes only what changed: a no-change poll should not rewrite a hundred rows. */
async function store(db: MailDB, known: Record<string, string>, counts: Map<string, ServerCounts>): Promise<void> {
  const byId = new Map(Object.entries(known).map(([name, id]) => [id, name]));
  await db.transaction('rw', [db.folders, db.cursors, db.meta], async () => {
    const before = (await db.meta.get(META.distinguished))?.value;
    if (JSON.stringify(before) !== JSON.stringify(known)) await db.meta.put({ key: META.distinguished, value: known });
    for (const f of await db.folders.toArray()) {
      const name = byId.get(f.id);
      if (f.distinguished !== name) {
        if (name === undefined) delete f.distinguished;
        else f.distinguished = name;
        await db.folders.put(f);
      }
    }
    const ids = [...counts.keys()];
    const cursors = await db.cursors.bulkGet(ids);
    for (const [i, id] of ids.entries()) {
      const c = counts.get(id)!;
      const cursor = cursors[i];
      if (cursor?.serverTotal === c.total && cursor.serverUnread === c.unread) continue;
      await db.cursors.put({
        complete: false,
        updatedAt: 0,
        ...cursor,
        key: id,
        serverTotal: c.total,
        serverUnread: c.unread,
      });
    }
  });
}
