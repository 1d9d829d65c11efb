import type {
  FolderChange,
  Response,
  SyncFolderHierarchyMessage,
  SyncFolderHierarchyRequest,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { errorStatus } from '../errors.js';
import { resolveFolder } from '../model/resolve.js';
import { foldersOfUser } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';
import { readState, signState } from '../sync-state.js';
import { renderFolders } from '../view/folder-view.js';
import { failed, ok } from './each.js';

// SyncFolderHierarchy says "corrupted" where SyncFolderItems says "corrupt".
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderhierarchy-operation
const INVALID = 'Synchronization state data is corrupted or otherwise invalid.';

/**
 * SyncFolderHierarchy: the folders below the sync folder (the whole mailbox when none is given:
 * "null and root are not treated the same", so each has its own states) created, changed
 * (renamed, moved) or deleted since the state. Count changes are not changes, as in Exchange.
 * Everything comes in one response; Creates are ordered parents first.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-synchronize-folders-by-using-ews-in-exchange
 */
export function syncFolderHierarchy(ctx: Ctx, req: SyncFolderHierarchyRequest): Response<SyncFolderHierarchyMessage>[] {
  const all = foldersOfUser(ctx.db, ctx.user.id);
  let root: FolderRow | undefined;
  try {
    root = req.syncFolderId ? resolveFolder(ctx, req.syncFolderId, 'ErrorSyncFolderNotFound') : undefined;
  } catch (e) {
    return [{ ...failed(e), syncState: '', includesLastFolderInRange: true }];
  }
  const scope = root ?? all.find((f) => f.distinguished === 'root' && f.deleted_num === null)!;
  const stateFolder = root?.id ?? 0;
  let pos = 0;
  if (req.syncState !== undefined) {
    const s = readState(ctx.db.secret, req.syncState);
    if (!s || s.kind !== 'hierarchy' || s.user !== ctx.user.id || s.folder !== stateFolder || s.pos > ctx.db.modseq())
      return [{ ...errorStatus('ErrorInvalidSyncStateData', INVALID), syncState: '', includesLastFolderInRange: true }];
    pos = s.pos;
  }
  const byId = new Map(all.map((f) => [f.id, f]));
  const depth = (f: FolderRow): number | undefined => {
    let d = 0;
    for (let p = f.parent_id; p !== null; d++) {
      if (p === scope.id) return d;
      const parent = byId.get(p);
      if (!parent || d > all.length) return undefined;
      p = parent.parent_id;
    }
    return undefined;
  };

  const creates: { f: FolderRow; depth: number }[] = [];
  const updates: FolderRow[] = [];
  const deletes: { f: FolderRow; num: number }[] = [];
  for (const f of all) {
    if (f.id === scope.id) continue;
    const d = depth(f);
    if (f.deleted_num !== null) {
      if (f.deleted_num > pos && f.created_num <= pos && d !== undefined) deletes.push({ f, num: f.deleted_num });
    } else if (d === undefined) {
      // Moved out of the synced subtree: gone, as far as this client is concerned.
      if (f.change_num > pos && f.created_num <= pos) deletes.push({ f, num: f.change_num });
    } else if (f.created_num > pos) creates.push({ f, depth: d });
    else if (f.change_num > pos) updates.push(f);
  }
  creates.sort((x, y) => x.depth - y.depth || x.f.created_num - y.f.created_num);
  updates.sort((x, y) => x.change_num - y.change_num);
  deletes.sort((x, y) => x.num - y.num);

  const shown = renderFolders(ctx, [...creates.map((c) => c.f), ...updates], req.folderShape);
  const changes: FolderChange[] = [
    ...shown.slice(0, creates.length).map((folder): FolderChange => ({ type: 'Create', folder })),
    ...shown.slice(creates.length).map((folder): FolderChange => ({ type: 'Update', folder })),
    ...deletes.map((d): FolderChange => ({ type: 'Delete', folderId: { id: ctx.ids.folder(d.f).id } })),
  ];
  const syncState = signState(ctx.db.secret, {
    kind: 'hierarchy',
    user: ctx.user.id,
    folder: stateFolder,
    pos: ctx.db.modseq(),
  });
  return [ok({ syncState, includesLastFolderInRange: true, changes })];
}
