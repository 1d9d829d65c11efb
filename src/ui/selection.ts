import Dexie from 'dexie';
import type { MessageRow } from '../db/index.js';
import { folderAnchors } from './queries/folder-anchors.js';
import { messageWindow } from './queries/message-window.js';
import { db } from './db.js';
import { createStore } from './hooks/store.js';

/** The list's cursor: which message j/k, the toolbar and the shortcuts act on. */
export interface Cursor {
  folderId: string;
  index: number;
  id: string;
}

export const cursor = createStore<Cursor | undefined>(undefined);

/**
 * Set when the user opened a message (click, Enter, o): the reader takes focus. Moving through the
 * list with j/k or the arrows opens messages too, but focus stays in the list.
 */
export const focusReaderOnOpen = { pending: false };

/** The message at `index` of a folder (newest first), if there is one. */
export async function messageAt(folderId: string, index: number): Promise<MessageRow | undefined> {
  if (index < 0) return undefined;
  return (await messageWindow(db, folderId, index, 1, folderAnchors.get().get(folderId)))[0];
}

/**
 * Where a message sits in its folder's list: the number of newer messages. Used when a message is
 * opened by address (a reload, a link) rather than from the list.
 */
export async function indexOf(message: MessageRow): Promise<number> {
  return db.messages
    .where('[folderId+receivedAt]')
    .between([message.folderId, message.receivedAt], [message.folderId, Dexie.maxKey], false, true)
    .count();
}
