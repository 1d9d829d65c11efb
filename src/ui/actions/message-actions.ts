import { distinguishedFolder, type FolderRow, type MessageRow, type OutboxOp } from '../../db/index.js';
import { db } from '../db.js';
import { folderName } from '../folder-names.js';
import type { Translator } from '../i18n/translate.js';
import { perform } from './perform.js';
import { showToast } from './toasts.js';

const ids = (messages: MessageRow[]) => messages.map((m) => m.id);

/**
 * Finds a message again after it moved to `folderId`: by its id, or, once the server has given
 * the moved copy a new id (MoveItem does), by its place in that folder and its Message-ID.
 */
async function findMoved(m: MessageRow, folderId: string): Promise<string | undefined> {
  const same = await db.messages.get(m.id);
  if (same) return same.id;
  const candidates = await db.messages.where('[folderId+receivedAt]').equals([folderId, m.receivedAt]).toArray();
  const match = candidates.find((c) =>
    m.internetMessageId ? c.internetMessageId === m.internetMessageId : c.subject === m.subject,
  );
  return match?.id;
}

/** Undo of a move is a move back; every message in a list selection comes from one folder. */
function moveBack(messages: MessageRow[], to: () => Promise<string | undefined>) {
  const from = messages[0]?.folderId;
  if (from === undefined) return undefined;
  return async (): Promise<OutboxOp | undefined> => {
    const movedTo = await to();
    if (!movedTo) return undefined;
    const found = (await Promise.all(messages.map((m) => findMoved(m, movedTo)))).filter((id) => id !== undefined);
    return found.length ? { kind: 'move', ids: found, toFolderId: from } : undefined;
  };
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
  const undo = moveBack(messages, async () => folder.id);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: folder.id }, t, {
    done: t.t('toast.moved', { folder: folderName(folder, t) }),
    ...(undo && { undo }),
  });
}

/**
 * Where archived mail goes: the folder the server calls `archive`, else a top-level folder named
 * Archive (Outlook's, which EWS does not name on older servers and the engine does not ask about).
 */
async function archiveFolder(): Promise<FolderRow | undefined> {
  const known = await distinguishedFolder(db, 'archive');
  if (known) return known;
  const inbox = await distinguishedFolder(db, 'inbox');
  if (!inbox) return undefined;
  const siblings = await db.folders.where('parentId').equals(inbox.parentId).toArray();
  return siblings.find((f) => /^archives?$/i.test(f.name.trim()));
}

export async function archive(messages: MessageRow[], t: Translator): Promise<boolean> {
  const target = await archiveFolder();
  if (!target) {
    showToast(t.t('toast.noArchive'), { kind: 'error' });
    return false;
  }
  const undo = moveBack(messages, async () => target.id);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: target.id }, t, {
    done: t.t('toast.archived'),
    ...(undo && { undo }),
  });
}

/** To Deleted Items (undoable), or for good when the messages are already there. */
export async function remove(messages: MessageRow[], t: Translator): Promise<boolean> {
  const trash = await distinguishedFolder(db, 'deleteditems');
  const undo =
    trash && messages.every((m) => m.folderId !== trash.id) ? moveBack(messages, async () => trash.id) : undefined;
  return perform({ kind: 'delete', ids: ids(messages) }, t, { done: t.t('toast.deleted'), ...(undo && { undo }) });
}
