import { SyncFolderHierarchy, type SyncFolderHierarchyMessage, type Response } from '../ews/index.js';
import {
  HIERARCHY_CURSOR,
  isLocalId,
  overlayFolders,
  removeFolders,
  type FolderRow,
  type MailDB,
  type SyncCursor,
} from '../db/index.js';
import type { SyncContext } from './context.js';
import { EwsError } from './errors.js';
import { folderToRow } from './map-folder.js';
import { restart } from './relist.js';
import { HIERARCHY_SHAPE } from './shapes.js';

/**
 * SyncFolderHierarchy from msgfolderroot with the saved state, page by page; each page and its
 * new state are stored in one transaction. An invalid state starts a re-list from no state in
 * which every folder seen is marked; folders not seen are removed only once the re-list is
 * complete (mark and sweep), so the folder list never empties meanwhile.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
 */
export async function syncHierarchy(ctx: SyncContext): Promise<void> {
  const { db } = ctx;
  ctx.progress.phase('hierarchy');
  const first = await db.cursors.get(HIERARCHY_CURSOR);
  if (first?.syncState === undefined && first?.sweep === undefined)
    await db.cursors.put(restart(first ?? { key: HIERARCHY_CURSOR, complete: false, updatedAt: 0 }, ctx.clock.now()));
  for (;;) {
    const cursor = await db.cursors.get(HIERARCHY_CURSOR);
    const [msg] = await ctx.call(SyncFolderHierarchy, {
      folderShape: HIERARCHY_SHAPE,
      syncFolderId: { distinguished: 'msgfolderroot' },
      syncState: cursor?.syncState,
    });
    if (msg?.responseCode === 'ErrorInvalidSyncStateData' && cursor?.syncState !== undefined) {
      await db.cursors.put(restart(cursor, ctx.clock.now()));
      continue;
    }
    if (!msg || msg.responseClass === 'Error' || msg.syncState === undefined)
      throw EwsError.of(msg, 'The folder list could not be synced');
    await applyHierarchyPage(db, msg, cursor, ctx.clock.now());
    if (msg.includesLastFolderInRange !== false) return;
  }
}

async function applyHierarchyPage(
  db: MailDB,
  msg: Response<SyncFolderHierarchyMessage>,
  cursor: SyncCursor | undefined,
  now: number,
): Promise<void> {
  await db.transaction('rw', [db.folders, db.messages, db.bodies, db.cursors, db.outbox], async () => {
    const sweep = cursor?.sweep;
    for (const change of msg.changes ?? []) {
      if (change.type === 'Delete') {
        await removeFolders(db, [change.folderId.id]);
        continue;
      }
      const id = change.folder.folderId?.id;
      if (id === undefined) continue;
      const row: FolderRow = folderToRow(change.folder, await db.folders.get(id));
      if (sweep !== undefined) row.mark = sweep;
      // A rename or delete still on its way wins over the server's older copy.
      const [shown] = await overlayFolders(db, [row]);
      if (shown) await db.folders.put(shown);
    }
    const complete = msg.includesLastFolderInRange !== false;
    const next: SyncCursor = { ...cursor, key: HIERARCHY_CURSOR, syncState: msg.syncState!, complete, updatedAt: now };
    if (complete && sweep !== undefined) {
      const unseen = await db.folders.filter((f) => f.mark !== sweep && !isLocalId(f.id)).primaryKeys();
      await removeFolders(db, unseen);
      delete next.sweep;
    }
    await db.cursors.put(next);
  });
}
