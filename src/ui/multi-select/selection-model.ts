/**
 * Which messages of one folder are selected (checkboxes, Ctrl+click, Shift+click, `x`, `*a`).
 *
 * The list is virtualized, so a selection cannot be a set of DOM rows: "select all" is a flag
 * (`all`), and then `ids` holds the messages taken *out* of it; otherwise `ids` holds the ones
 * picked. Either way the messages are found by a query on the folder when an action runs, and a
 * message that arrives after "select all" is selected too, as in Gmail.
 */
export interface Selection {
  folderId: string;
  all: boolean;
  /** Picked ids (`all` false), or ids left out of "all" (`all` true). */
  ids: ReadonlySet<string>;
  /** The message Shift+click extends from: the last one toggled or clicked. */
  anchorId?: string;
}

export function isSelected(selection: Selection | undefined, folderId: string, id: string): boolean {
  return selection?.folderId === folderId && selection.all !== selection.ids.has(id);
}

/** A selection in another folder counts as none: opening a folder starts afresh. */
export function selectionIn(selection: Selection | undefined, folderId: string): Selection | undefined {
  return selection?.folderId === folderId && (selection.all || selection.ids.size > 0) ? selection : undefined;
}

/** Flips one message (checkbox, Ctrl/Cmd+click, `x`, Space); it becomes the anchor. */
export function toggle(selection: Selection | undefined, folderId: string, id: string): Selection {
  const base = selection?.folderId === folderId ? selection : { folderId, all: false, ids: new Set<string>() };
  const ids = new Set(base.ids);
  if (!ids.delete(id)) ids.add(id);
  return { folderId, all: base.all, ids, anchorId: id };
}

/**
 * Adds a run of messages (Shift+click, Shift+arrows): `ids` are every message from the anchor to
 * the clicked one, read from the store by position, so rows never rendered are included.
 * Adds, never removes: a second Shift+click grows the selection, as in Gmail.
 */
export function addRange(
  selection: Selection | undefined,
  folderId: string,
  ids: readonly string[],
  anchorId: string,
): Selection {
  const base = selection?.folderId === folderId ? selection : { folderId, all: false, ids: new Set<string>() };
  const next = new Set(base.ids);
  for (const id of ids) {
    if (base.all) next.delete(id);
    else next.add(id);
  }
  return { folderId, all: base.all, ids: next, anchorId };
}

/** Every message of the folder, including those far below the rendered rows. */
export function selectAll(folderId: string): Selection {
  return { folderId, all: true, ids: new Set() };
}

/** How many are selected, given the folder's stored total and which `ids` are still in the folder. */
export function selectedCount(selection: Selection, total: number, idsStillHere: number): number {
  return selection.all ? Math.max(0, total - idsStillHere) : idsStillHere;
}
