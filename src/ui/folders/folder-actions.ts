import { distinguishedFolder, isWithin, newLocalFolderId, type FolderNode, type FolderRow } from '../../db/index.js';
import { archiveFolder } from '../actions/archive-folder.js';
import { remove, setRead } from '../actions/message-actions.js';
import { perform } from '../actions/perform.js';
import { db } from '../db.js';
import type { Translator } from '../i18n/translate.js';
import { navigate, route } from '../route.js';
import '../i18n/views.js';

/**
 * Folder changes, each one intent through `perform` (recorded locally at once, queued for the
 * server, "queued" said when offline). The new folder has a local id until the server names it.
 */

/**
 * Inbox, Drafts, Sent Items, Deleted Items, Junk, Outbox and Archive keep their names and place.
 * Archive counts even when the server does not name it (older servers): it is where `e` files mail.
 */
export async function canChange(folder: FolderRow): Promise<boolean> {
  return !folder.distinguished && (await archiveFolder())?.id !== folder.id;
}

/** `parentId` '' is the top of the mailbox. Resolves to the new folder's (local) id when recorded. */
export async function createFolder(parentId: string, name: string, t: Translator): Promise<string | undefined> {
  const tempId = newLocalFolderId();
  const ok = await perform({ kind: 'create-folder', parentId, name, tempId }, t, {
    done: t.t('toast.folderCreated', { name: name.trim() }),
  });
  return ok ? tempId : undefined;
}

export function renameFolder(folder: FolderRow, name: string, t: Translator): Promise<boolean> {
  return perform({ kind: 'rename-folder', id: folder.id, name }, t, {
    done: t.t('toast.folderRenamed', { name: name.trim() }),
  });
}

/**
 * True when deleting `folder` is for good: it is in Deleted Items already. Otherwise the delete
 * moves it there (DeleteFolder with MoveToDeletedItems), messages and subfolders included.
 */
export async function deletesForGood(folder: FolderRow): Promise<boolean> {
  const trash = await distinguishedFolder(db, 'deleteditems');
  return trash !== undefined && (await isWithin(db, folder.id, trash.id));
}

export async function deleteFolder(folder: FolderRow, t: Translator): Promise<boolean> {
  const forGood = await deletesForGood(folder);
  const current = route.get();
  const openInside = current.view === 'mail' && current.folderId && (await isWithin(db, current.folderId, folder.id));
  const ok = await perform({ kind: 'delete-folder', id: folder.id }, t, {
    done: t.t(forGood ? 'toast.folderDeleted' : 'toast.folderToTrash', { name: folder.name }),
  });
  // A folder deleted for good is gone from the tree: leave it for the Inbox.
  if (ok && forGood && openInside) navigate({ view: 'mail' });
  return ok;
}

/** Marks every unread message of a folder read, with Undo: those this device holds, as one intent. */
export async function markAllRead(folder: FolderRow, t: Translator): Promise<boolean> {
  const unread = await db.messages.where('[folderId+isRead]').equals([folder.id, 0]).toArray();
  return unread.length === 0 || setRead(unread, true, t);
}

/** Deleted Items and Junk can be emptied, as in Outlook: the bin for good, Junk into the bin. */
export const canEmpty = (folder: FolderRow): boolean =>
  folder.distinguished === 'deleteditems' || folder.distinguished === 'junkemail';

/**
 * Empties Deleted Items (its messages, and the folders in it, for good) or Junk (its messages,
 * to Deleted Items, with Undo): the messages this device holds, as one intent, so that mail
 * arriving meanwhile is never deleted unseen.
 */
export async function emptyFolder(folder: FolderNode, t: Translator): Promise<boolean> {
  const rows = await db.messages
    .where('[folderId+receivedAt]')
    .between([folder.id, -Infinity], [folder.id, Infinity])
    .toArray();
  let ok = rows.length === 0 || (await remove(rows, t));
  if (folder.distinguished === 'deleteditems')
    for (const child of folder.children)
      ok = (await perform({ kind: 'delete-folder', id: child.id }, t, { quiet: true })) && ok;
  return ok;
}
