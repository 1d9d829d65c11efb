import Dexie from 'dexie';
import { GetFolder } from '../ews/index.js';
import { isLive, isMailFolder, removeFolders, type FolderRow, type SyncCursor } from '../db/index.js';
import { prefetchBodies } from './bodies.js';
import { withRoom } from './evict-bodies.js';
import type { SyncContext } from './context.js';
import { FolderGoneError, StoppedError, ThrottledError } from './errors.js';
import { refreshCounts, type ServerCounts } from './folder-counts.js';
import { syncFolder } from './folder-items.js';
import { syncHierarchy } from './hierarchy.js';
import { restart } from './relist.js';
import { planFolders } from './plan-folders.js';
import { push } from './push.js';
import { TransportError } from './transport.js';

export interface PassOptions {
  openFolderId?: string;
  /** Sync every mail folder, not just those with news. */
  all?: boolean;
}

export interface PassSummary {
  pushed: number;
  pushFailed: number;
  /** Rows written or deleted by the download. */
  changed: number;
  folders: number;
  /** Folders that failed this pass (the others went on). */
  folderErrors: { folderId: string; error: unknown }[];
}

/**
 * One pass, upload before download: push the outbox; sync the folder tree and read every
 * folder's counts in one GetFolder; sync the folders that have news (Inbox first); fetch recent
 * bodies; re-list folders due for reconciliation; once a day, drop old bodies nothing needs. A
 * full disk first costs bodies nothing needs, then is an error. One bad folder never stops the pass; only
 * trouble with the connection does (it is thrown).
 */
export async function runPassSteps(ctx: SyncContext, options: PassOptions): Promise<PassSummary> {
  const { db, clock, settings } = ctx;
  const summary: PassSummary = { pushed: 0, pushFailed: 0, changed: 0, folders: 0, folderErrors: [] };
  const pushed = await push(ctx);
  summary.pushed = pushed.done;
  summary.pushFailed = pushed.failed;

  await syncHierarchy(ctx);
  const { counts, gone } = await refreshCounts(ctx);
  if (gone.length)
    await db.transaction('rw', [db.folders, db.messages, db.bodies, db.cursors], () => removeFolders(db, gone));

  ctx.progress.phase('folders');
  const folders = await db.folders.toArray();
  const cursors = new Map((await db.cursors.toArray()).map((c) => [c.key, c]));
  const plan = planFolders({ folders, cursors, counts, now: clock.now(), settings, ...options });
  ctx.progress.expect(plan.reduce((n, f) => n + expectedChanges(f, cursors.get(f.id), counts.get(f.id)), 0));

  let hierarchyRechecked = false;
  const synced: FolderRow[] = [];
  for (const folder of plan) {
    try {
      const changed = await withRoom(ctx, () => syncFolder(ctx, folder, counts.get(folder.id)));
      summary.changed += changed;
      summary.folders++;
      synced.push(folder);
      if (changed === 0) await reconcileCounts(ctx, folder.id, counts.get(folder.id));
    } catch (err) {
      if (isConnectionTrouble(err)) throw err;
      if (err instanceof FolderGoneError) {
        // The hierarchy is stale: sync it again (once a pass), then check this folder directly.
        if (!hierarchyRechecked) await syncHierarchy(ctx);
        hierarchyRechecked = true;
        await dropIfGone(ctx, folder.id);
        continue;
      }
      summary.folderErrors.push({ folderId: folder.id, error: err });
      await db.cursors.update(folder.id, { lastResult: String((err as Error)?.message ?? err) });
    }
  }

  if (settings.prefetchBodies)
    try {
      await withRoom(ctx, () => prefetchBodies(ctx, synced));
    } catch (err) {
      if (isConnectionTrouble(err)) throw err;
      summary.folderErrors.push({ folderId: '', error: err });
    }
  await reconcile(ctx, counts, summary);
  return summary;
}

export function isConnectionTrouble(err: unknown): boolean {
  return err instanceof ThrottledError || err instanceof StoppedError || err instanceof TransportError;
}

/** What a folder will probably bring, for the progress bar: unknown until its first page. */
function expectedChanges(f: FolderRow, cursor: SyncCursor | undefined, server: ServerCounts | undefined): number {
  if (cursor?.complete || !server) return 0;
  return Math.max(0, server.total - f.total);
}

/**
 * The folder had no changes, so its stored counts should equal the server's. If they do not,
 * recount the rows once (a drifted number); if they still differ, the local copy has missed
 * something: make the folder due for a re-list. Skipped while intents are waiting, whose local
 * effects the server has not seen yet (a parked one's effect is undone: it does not count).
 */
async function reconcileCounts(ctx: SyncContext, folderId: string, server: ServerCounts | undefined): Promise<void> {
  const { db, clock, settings } = ctx;
  if (!server) return;
  const folder = await db.folders.get(folderId);
  if (!folder || (folder.total === server.total && folder.unread === server.unread)) return;
  if ((await db.outbox.filter(isLive).count()) > 0) return;
  await db.transaction('rw', [db.folders, db.messages, db.cursors], async () => {
    const total = await db.messages
      .where('[folderId+receivedAt]')
      .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
      .count();
    const unread = await db.messages.where('[folderId+isRead]').equals([folderId, 0]).count();
    await db.folders.update(folderId, { total, unread });
    const cursor = await db.cursors.get(folderId);
    const verifiedLongAgo = clock.now() - (cursor?.lastVerified ?? 0) >= settings.fullPollSeconds * 1000;
    if ((total !== server.total || unread !== server.unread) && verifiedLongAgo)
      await db.cursors.update(folderId, { lastVerified: 0 });
  });
}

/** After ErrorSyncFolderNotFound and a fresh hierarchy sync: ask for the folder itself. */
async function dropIfGone(ctx: SyncContext, folderId: string): Promise<void> {
  const { db } = ctx;
  if (!(await db.folders.get(folderId))) return;
  const [m] = await ctx.call(GetFolder, { folderShape: { baseShape: 'IdOnly' }, folderIds: [{ id: folderId }] });
  if (
    m?.responseClass === 'Error' &&
    (m.responseCode === 'ErrorFolderNotFound' || m.responseCode === 'ErrorItemNotFound')
  )
    await db.transaction('rw', [db.folders, db.messages, db.bodies, db.cursors], () => removeFolders(db, [folderId]));
}

/**
 * Low priority: re-list the ids of folders not verified for `reconcileSeconds` (a fresh IdOnly
 * SyncFolderItems from no state into mark and sweep) to catch anything the server forgot to
 * report. Unchanged rows cost no GetItem.
 */
async function reconcile(ctx: SyncContext, counts: Map<string, ServerCounts>, summary: PassSummary): Promise<void> {
  const { db, clock, settings } = ctx;
  const cursors = await db.cursors.toArray();
  const byId = new Map((await db.folders.toArray()).map((f) => [f.id, f]));
  const due = cursors.filter((c) => {
    const f = byId.get(c.key);
    return (
      f && isMailFolder(f) && c.complete && clock.now() - (c.lastVerified ?? 0) >= settings.reconcileSeconds * 1000
    );
  });
  for (const cursor of due) {
    const folder = byId.get(cursor.key)!;
    ctx.progress.phase('reconcile', folder.name);
    try {
      await db.cursors.put(restart(cursor, clock.now()));
      summary.changed += await syncFolder(ctx, folder, counts.get(folder.id));
    } catch (err) {
      if (isConnectionTrouble(err)) throw err;
      summary.folderErrors.push({ folderId: folder.id, error: err });
    }
  }
}
