import type { Db } from '../store/database.js';
import { foldersOfUser } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';

/** The live folders below `root`, depth first, siblings by name (FindFolder Deep order). */
export function descendants(db: Db, root: FolderRow): FolderRow[] {
  const live = foldersOfUser(db, root.user_id).filter((f) => f.deleted_num === null);
  const kids = new Map<number, FolderRow[]>();
  for (const f of live)
    if (f.parent_id !== null) (kids.get(f.parent_id) ?? kids.set(f.parent_id, []).get(f.parent_id)!).push(f);
  for (const list of kids.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const out: FolderRow[] = [];
  const walk = (id: number) => {
    for (const c of kids.get(id) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(root.id);
  return out;
}

export function children(db: Db, parent: FolderRow): FolderRow[] {
  return foldersOfUser(db, parent.user_id)
    .filter((f) => f.deleted_num === null && f.parent_id === parent.id)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Lets other requests run between the bounded steps of a bulk operation. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows per transaction in bulk operations: like a sync page, so no step holds the loop long. */
export const BULK_STEP = 512;
