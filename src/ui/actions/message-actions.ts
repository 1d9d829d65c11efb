import { distinguishedFolder, type FolderRow, type MessageRow } from '../../db/index.js';
import { db } from '../db.js';
import { folderName } from '../folder-names.js';
import type { Translator } from '../i18n/translate.js';
import { perform } from './perform.js';
import { showToast } from './toasts.js';

const ids = (messages: MessageRow[]) => messages.map((m) => m.id);

/** Undo of a move is a move back; every message in a list selection comes from one folder. */
function moveBack(messages: MessageRow[]) {
  const from = messages[0]?.folderId;
  return from === undefined ? undefined : { kind: 'move' as const, ids: ids(messages), toFolderId: from };
}

export function setRead(messages: MessageRow[], isRead: boolean, t: Translator): Promise<boolean> {
  return perform({ kind: 'set-read', ids: ids(messages), isRead }, t, {
    done: t.t(isRead ? 'action.markRead' : 'action.markUnread') + '.',
  });
}

/** Flags every message, unless all are flagged already: then clears them (Gmail's `s`). */
export function toggleFlag(messages: MessageRow[], t: Translator): Promise<boolean> {
  const flag = messages.every((m) => m.flag === 1) ? 0 : 1;
  return perform({ kind: 'set-flag', ids: ids(messages), flag }, t, {
    done: t.t(flag ? 'action.flag' : 'action.unflag') + '.',
  });
}

export async function moveTo(messages: MessageRow[], folder: FolderRow, t: Translator): Promise<boolean> {
  const undo = moveBack(messages);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: folder.id }, t, {
    done: t.t('toast.moved', { folder: folderName(folder, t) }),
    ...(undo && { undo }),
  });
}

export async function archive(messages: MessageRow[], t: Translator): Promise<boolean> {
  const target = await distinguishedFolder(db, 'archive');
  if (!target) {
    showToast(t.t('toast.noArchive'), { kind: 'error' });
    return false;
  }
  const undo = moveBack(messages);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: target.id }, t, {
    done: t.t('toast.archived'),
    ...(undo && { undo }),
  });
}

/** To Deleted Items (undoable), or for good when the messages are already there. */
export async function remove(messages: MessageRow[], t: Translator): Promise<boolean> {
  const trash = await distinguishedFolder(db, 'deleteditems');
  const undo = trash && messages.every((m) => m.folderId !== trash.id) ? moveBack(messages) : undefined;
  return perform({ kind: 'delete', ids: ids(messages) }, t, { done: t.t('toast.deleted'), ...(undo && { undo }) });
}
