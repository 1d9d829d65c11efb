import { distinguishedFolder, type FolderRow, type MessageRow, type OutboxOp } from '../../db/index.js';
import { archiveFolder } from './archive-folder.js';
import { db } from '../db.js';
import { folderName } from '../folder-names.js';
import type { Translator, PluralKey, Params } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/en.js';
import { perform } from './perform.js';
import { showToast } from './toasts.js';

const ids = (messages: MessageRow[]) => messages.map((m) => m.id);

/** "Archived." for one message, "12 messages archived." for a selection. */
function said(messages: MessageRow[], t: Translator, one: MessageKey, many: PluralKey, params?: Params): string {
  return messages.length > 1 ? t.plural(many, messages.length, params) : t.t(one, params);
}

/**
 * Undo of a read or flag change: each message gets back its own state, so a selection of read
 * and unread messages marked read returns to exactly that mix (one intent per former state).
 */
function restore<V extends string | number>(
  messages: MessageRow[],
  before: (m: MessageRow) => V,
  op: (ids: string[], value: V) => OutboxOp,
) {
  const byValue = new Map<V, string[]>();
  for (const m of messages) byValue.set(before(m), [...(byValue.get(before(m)) ?? []), m.id]);
  return async () => [...byValue].map(([value, list]) => op(list, value));
}

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
  const changed = messages.filter((m) => (m.isRead === 1) !== isRead);
  return perform({ kind: 'set-read', ids: ids(messages), isRead }, t, {
    done:
      messages.length > 1
        ? t.plural(isRead ? 'toast.markedRead' : 'toast.markedUnread', messages.length)
        : t.t(isRead ? 'action.markRead' : 'action.markUnread') + '.',
    ...(changed.length && {
      undo: restore(
        changed,
        (m) => m.isRead,
        (list, was) => ({ kind: 'set-read', ids: list, isRead: was === 1 }),
      ),
    }),
  });
}

/** Flags every message, unless all are flagged already: then clears them (Gmail's `s`). */
export function toggleFlag(messages: MessageRow[], t: Translator): Promise<boolean> {
  const flag = messages.every((m) => m.flag === 1) ? 0 : 1;
  const changed = messages.filter((m) => m.flag !== flag);
  return perform({ kind: 'set-flag', ids: ids(messages), flag }, t, {
    done:
      messages.length > 1
        ? t.plural(flag ? 'toast.flagged' : 'toast.unflagged', messages.length)
        : t.t(flag ? 'action.flag' : 'action.unflag') + '.',
    ...(changed.length && {
      undo: restore(
        changed,
        (m) => m.flag,
        (list, was) => ({ kind: 'set-flag', ids: list, flag: was }),
      ),
    }),
  });
}

/**
 * Puts the category on every message, unless all have it already: then takes it off (as `s` does
 * the flag). Undo takes back only what changed.
 */
export function toggleCategory(messages: MessageRow[], category: string, t: Translator): Promise<boolean> {
  const has = (m: MessageRow) => !!m.categories?.includes(category);
  const on = !messages.every(has);
  const changed = ids(messages.filter((m) => has(m) !== on));
  return perform({ kind: 'categorize', ids: ids(messages), category, on }, t, {
    done: on
      ? said(messages, t, 'toast.categorized', 'toast.categorizedMany', { category })
      : said(messages, t, 'toast.uncategorized', 'toast.uncategorizedMany', { category }),
    ...(changed.length && { undo: async () => ({ kind: 'categorize', ids: changed, category, on: !on }) }),
  });
}

export async function moveTo(messages: MessageRow[], folder: FolderRow, t: Translator): Promise<boolean> {
  const undo = moveBack(messages, async () => folder.id);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: folder.id }, t, {
    done: said(messages, t, 'toast.moved', 'toast.movedMany', { folder: folderName(folder, t) }),
    ...(undo && { undo }),
  });
}

export async function archive(messages: MessageRow[], t: Translator): Promise<boolean> {
  const target = await archiveFolder();
  if (!target) {
    showToast(t.t('toast.noArchive'), { kind: 'error' });
    return false;
  }
  const undo = moveBack(messages, async () => target.id);
  return perform({ kind: 'move', ids: ids(messages), toFolderId: target.id }, t, {
    done: said(messages, t, 'toast.archived', 'toast.archivedMany'),
    ...(undo && { undo }),
  });
}

/**
 * To Junk, or, for messages in Junk, back to the Inbox ("Not junk"): a move, so it works offline
 * and has Undo. Exchange's MarkAsJunk would also block the sender, which the user did not ask.
 */
export async function junk(messages: MessageRow[], t: Translator): Promise<boolean> {
  const junkFolder = await distinguishedFolder(db, 'junkemail');
  const inJunk = junkFolder !== undefined && messages.every((m) => m.folderId === junkFolder.id);
  const to = inJunk ? await distinguishedFolder(db, 'inbox') : junkFolder;
  if (!to) {
    showToast(t.t('toast.noJunk'), { kind: 'error' });
    return false;
  }
  return moveTo(messages, to, t);
}

/** To Deleted Items (undoable), or for good when the messages are already there. */
export async function remove(messages: MessageRow[], t: Translator): Promise<boolean> {
  const trash = await distinguishedFolder(db, 'deleteditems');
  const undo =
    trash && messages.every((m) => m.folderId !== trash.id) ? moveBack(messages, async () => trash.id) : undefined;
  return perform({ kind: 'delete', ids: ids(messages) }, t, {
    done: said(messages, t, 'toast.deleted', 'toast.deletedMany'),
    ...(undo && { undo }),
  });
}
