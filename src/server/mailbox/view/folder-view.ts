import type { ExtendedFieldURI, Folder, FolderKind, FolderShape } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { propKey } from '../prop-key.js';
import { folderCounts, foldersOfUser, type Counts } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';
import { folderExtended } from './extended.js';

/** The EWS element a folder is written as, by its class. */
export function folderKind(folderClass: string | null): FolderKind {
  const c = folderClass?.toLowerCase() ?? '';
  if (c.startsWith('ipf.appointment')) return 'CalendarFolder';
  if (c.startsWith('ipf.contact')) return 'ContactsFolder';
  if (c.startsWith('ipf.task')) return 'TasksFolder';
  return 'Folder';
}

// BaseShape Default: "FolderId, DisplayName, UnreadCount, TotalCount and ChildFolderCount".
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/baseshape
const DEFAULT = ['folder:DisplayName', 'folder:TotalCount', 'folder:ChildFolderCount', 'folder:UnreadCount'];
const ALL = [...DEFAULT, 'folder:ParentFolderId', 'folder:FolderClass', 'folder:DistinguishedFolderId'];
const COUNTED = new Set(['folder:TotalCount', 'folder:UnreadCount']);

/**
 * Folders as a shape asks for them. Child counts come from one read of the user's folders;
 * item counts are counted only when asked for (SyncFolderHierarchy IdOnly never counts).
 */
export function renderFolders(ctx: Ctx, rows: readonly FolderRow[], shape: FolderShape): Folder[] {
  const fields = new Set(shape.baseShape === 'IdOnly' ? [] : shape.baseShape === 'Default' ? DEFAULT : ALL);
  const extended: ExtendedFieldURI[] = [];
  for (const p of shape.additionalProperties ?? []) {
    if ('extended' in p) extended.push(p.extended);
    else if (!('fieldIndex' in p)) fields.add(p.fieldURI);
  }
  const keys = extended.map(propKey);
  const all = foldersOfUser(ctx.db, ctx.user.id);
  const byId = new Map(all.map((f) => [f.id, f]));
  const children = new Map<number, number>();
  for (const f of all)
    if (f.deleted_num === null && f.parent_id !== null) children.set(f.parent_id, (children.get(f.parent_id) ?? 0) + 1);
  const counting =
    [...COUNTED].some((c) => fields.has(c)) || keys.some((k) => k === 'tag:0x3602' || k === 'tag:0x3603');

  return rows.map((f) => {
    const out: Folder = { kind: folderKind(f.folder_class), folderId: ctx.ids.folder(f) };
    const counts: Counts = counting ? folderCounts(ctx.db, f.id) : { total: 0, unread: 0 };
    const parent = f.parent_id === null ? undefined : byId.get(f.parent_id);
    if (fields.has('folder:ParentFolderId') && parent) out.parentFolderId = ctx.ids.folder(parent);
    if (fields.has('folder:FolderClass') && f.folder_class !== null) out.folderClass = f.folder_class;
    if (fields.has('folder:DisplayName')) out.displayName = f.name;
    if (fields.has('folder:TotalCount')) out.totalCount = counts.total;
    if (fields.has('folder:ChildFolderCount')) out.childFolderCount = children.get(f.id) ?? 0;
    if (fields.has('folder:DistinguishedFolderId') && f.distinguished) out.distinguishedFolderId = f.distinguished;
    if (fields.has('folder:UnreadCount')) out.unreadCount = counts.unread;
    extended.forEach((field, n) => {
      const value = folderExtended(keys[n]!, f, { counts, children: children.get(f.id) ?? 0 });
      if (value !== undefined) (out.extendedProperties ??= []).push({ field, value });
    });
    return out;
  });
}
