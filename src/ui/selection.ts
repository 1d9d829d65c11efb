import type { MessageRow } from '../db/index.js';
import { folderAnchors } from './queries/folder-anchors.js';
import { positionOf } from './queries/message-position.js';
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

/** Set by the reader while it shows a conversation: n and p open its newer and older messages. */
export const conversationStep: { to?: ((step: 1 | -1) => void) | undefined } = {};

/** The message at `index` of a folder (newest first), if there is one. */
export async function messageAt(folderId: string, index: number): Promise<MessageRow | undefined> {
  if (index < 0) return undefined;
  return (await messageWindow(db, folderId, index, 1, folderAnchors.get().get(folderId)))[0];
}

/** Where a message sits in its folder's list, for one opened by address (a reload, a link). */
export function indexOf(message: MessageRow): Promise<number> {
  return positionOf(db, message);
}
