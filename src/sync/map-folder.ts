import type { Folder } from '../ews/index.js';
import type { FolderRow } from '../db/index.js';

/**
 * The stored row of a folder from SyncFolderHierarchy. What the hierarchy does not carry (counts,
 * the well-known name, when the user last opened it) is kept from the row before.
 */
export function folderToRow(f: Folder, before: FolderRow | undefined): FolderRow {
  if (!f.folderId) throw new Error('A folder without a FolderId cannot be stored.');
  const row: FolderRow = {
    ...before,
    id: f.folderId.id,
    parentId: f.parentFolderId?.id ?? before?.parentId ?? '',
    name: f.displayName ?? before?.name ?? '',
    kind: f.kind,
    folderClass: f.folderClass ?? before?.folderClass ?? '',
    total: before?.total ?? 0,
    unread: before?.unread ?? 0,
    childCount: f.childFolderCount ?? before?.childCount ?? 0,
  };
  if (f.folderId.changeKey !== undefined) row.changeKey = f.folderId.changeKey;
  return row;
}
