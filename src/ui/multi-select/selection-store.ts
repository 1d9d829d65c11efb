import { db } from '../db.js';
import { createStore } from '../hooks/store.js';
import { folderAnchors } from '../queries/folder-anchors.js';
import { rangeIds } from './selected-messages.js';
import { addRange, selectAll, selectionIn, toggle, type Selection } from './selection-model.js';

/** The page's one multi-selection; views read it with useStore. */
export const selection = createStore<Selection | undefined>(undefined);

/** The selection when it is in `folderId` and not empty. */
export const selectionOf = (folderId: string | undefined) =>
  folderId === undefined ? undefined : selectionIn(selection.get(), folderId);

export const clearSelection = () => selection.set(undefined);

export const toggleSelected = (folderId: string, id: string) => selection.set(toggle(selection.get(), folderId, id));

export const selectAllIn = (folderId: string) => selection.set(selectAll(folderId));

/** Shift+click: everything from the anchor to the message `id` at `index`. */
export async function selectRangeTo(folderId: string, id: string, index: number): Promise<void> {
  const before = selection.get();
  const anchorId = before?.folderId === folderId ? before.anchorId : undefined;
  const ids = await rangeIds(db, folderId, anchorId, index, folderAnchors.get().get(folderId));
  // The selection may have changed while the range was read; add to what it is now.
  selection.set(addRange(selection.get(), folderId, ids.includes(id) ? ids : [...ids, id], id));
}
