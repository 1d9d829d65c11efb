import type { FolderRow, MessageRow, OutboxEntry } from './entities.js';
import type { OutboxOp } from './outbox-ops.js';
import { distinguishedFolder } from './queries.js';
import type { MailDB } from './schema.js';

/**
 * What an intent changes about a message: its read state, its flag, one of its categories, or where
 * it is (a move or a delete). Intents on different fields of one message never supersede each other.
 */
export type MessageField = 'read' | 'flag' | 'place' | `category:${string}`;

export function fieldOf(op: OutboxOp): MessageField | undefined {
  switch (op.kind) {
    case 'set-read':
      return 'read';
    case 'set-flag':
      return 'flag';
    case 'categorize':
      return `category:${op.category}`;
    case 'move':
    case 'delete':
      return 'place';
    default:
      return undefined;
  }
}

/** The row with `category` added (`on`) or taken off; the row itself when that changes nothing. */
export function withCategory(m: MessageRow, category: string, on: boolean): MessageRow {
  const list = m.categories ?? [];
  if (list.includes(category) === on) return m;
  const categories = on ? [...list, category] : list.filter((c) => c !== category);
  const { categories: _old, ...rest } = m;
  return categories.length ? { ...rest, categories } : rest;
}

/** Entries whose intent still shapes the local rows: all but the parked ones, whose effect was undone. */
export const isLive = (e: OutboxEntry): boolean => e.state !== 'parked';

/** The live entries, oldest first. */
export async function liveEntries(db: MailDB): Promise<OutboxEntry[]> {
  return (await db.outbox.orderBy('seq').toArray()).filter(isLive);
}

/** True when `e` names message `id` (ids of read, flag, move and delete intents). */
export const namesMessage = (e: OutboxEntry, id: string): boolean => 'ids' in e.op && e.op.ids.includes(id);

/**
 * The row as the user expects to see it: the server's row with every live intent that names it
 * applied on top, oldest first; undefined when one of them deletes it for good. This is what
 * keeps a flag set on the train from flipping back when a sync brings the server's older copy
 * before the flag has reached the server.
 */
export function overlayMessage(
  row: MessageRow,
  entries: readonly OutboxEntry[],
  trashId: string | undefined,
): MessageRow | undefined {
  let out = row;
  for (const e of entries) {
    if (!isLive(e) || !namesMessage(e, out.id)) continue;
    const op = e.op;
    switch (op.kind) {
      case 'set-read':
        if (out.isRead !== (op.isRead ? 1 : 0)) out = { ...out, isRead: op.isRead ? 1 : 0 };
        break;
      case 'set-flag':
        if (out.flag !== op.flag) out = { ...out, flag: op.flag };
        break;
      case 'categorize':
        out = withCategory(out, op.category, op.on);
        break;
      case 'move':
        if (out.folderId !== op.toFolderId) out = { ...out, folderId: op.toFolderId };
        break;
      case 'delete':
        if (e.local?.hardDelete?.includes(out.id)) return undefined;
        if (trashId && out.folderId !== trashId) out = { ...out, folderId: trashId };
        break;
    }
  }
  return out;
}

/** A folder row with the live renames and deletes of it applied; undefined when deleted for good. */
export function overlayFolder(
  row: FolderRow,
  entries: readonly OutboxEntry[],
  trashId: string | undefined,
): FolderRow | undefined {
  let out = row;
  for (const e of entries) {
    if (!isLive(e)) continue;
    const op = e.op;
    if (op.kind === 'rename-folder' && op.id === out.id && out.name !== op.name.trim())
      out = { ...out, name: op.name.trim() };
    if (op.kind === 'delete-folder' && op.id === out.id) {
      if (e.local?.hardDelete?.includes(out.id)) return undefined;
      if (trashId && out.parentId !== trashId) out = { ...out, parentId: trashId };
    }
  }
  return out;
}

/** A move whose outcome on the server is unknown: the server may already hold it under a new id. */
const unsureMove = (e: OutboxEntry, id: string) =>
  fieldOf(e.op) === 'place' && namesMessage(e, id) && (e.state === 'sending' || !!e.progress?.tried);

/**
 * Re-applies the live intents to the rows a sync page is about to write (`rows`: id → new row,
 * or undefined for a deletion), inside the page's transaction. A deletion of a row whose move
 * may already have happened is our own move coming back: the row stays where the user put it
 * until the replay learns its new id. Call inside a transaction over outbox and folders.
 */
export async function overlayPage(
  db: MailDB,
  rows: Map<string, MessageRow | undefined>,
  shown: ReadonlyMap<string, MessageRow | undefined>,
): Promise<void> {
  const live = await liveEntries(db);
  if (live.length === 0) return;
  const named = new Set(live.flatMap((e) => ('ids' in e.op ? e.op.ids : [])));
  const trashId = (await distinguishedFolder(db, 'deleteditems'))?.id;
  for (const [id, row] of rows) {
    if (!named.has(id)) continue;
    if (row) rows.set(id, overlayMessage(row, live, trashId));
    else if (shown.get(id) && live.some((e) => unsureMove(e, id))) rows.set(id, shown.get(id));
  }
}

/** The same for folder rows a hierarchy page is about to write. */
export async function overlayFolders(db: MailDB, rows: FolderRow[]): Promise<FolderRow[]> {
  const live = (await liveEntries(db)).filter((e) => e.op.kind === 'rename-folder' || e.op.kind === 'delete-folder');
  if (live.length === 0) return rows;
  const trashId = (await distinguishedFolder(db, 'deleteditems'))?.id;
  return rows.map((r) => overlayFolder(r, live, trashId)).filter((r): r is FolderRow => r !== undefined);
}
