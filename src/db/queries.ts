import Dexie from 'dexie';
import type { BodyRow, FolderRow, MessageRow, OutboxEntry } from './entities.js';
import type { MailDB } from './schema.js';
import { isMailFolder, WELL_KNOWN_ORDER } from './folder-kind.js';
import { isLocalId } from './local-ids.js';

/**
 * Named read queries shared by the UI (through live queries) and the engine. None of them loads
 * a whole folder: lists are windowed on the `[folderId+receivedAt]` index, counts are stored.
 */

export interface FolderNode extends FolderRow {
  children: FolderNode[];
}

/**
 * The mail folders as a tree: well-known folders first (Inbox, Drafts, Sent…), then the others
 * by name; children by name. A folder whose parent is not a stored mail folder is top-level
 * (msgfolderroot itself is never stored).
 *
 * `browsing` gives the tree a person moves about in and files mail into: without the server's
 * Outbox while it holds nothing. Tern's own outbox is where what waits to be sent shows, and a
 * second, empty "Outbox" beside it would only mislead; one that holds mail (another program's,
 * still queued) stays in sight.
 */
export async function folderTree(db: MailDB, { browsing = false } = {}): Promise<FolderNode[]> {
  const rows = (await db.folders.toArray()).filter(
    (f) => isMailFolder(f) && !(browsing && f.distinguished === 'outbox' && f.total === 0 && f.childCount === 0),
  );
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as FolderNode[] }]));
  const top: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.parentId);
    (parent ? parent.children : top).push(node);
  }
  const sort = (list: FolderNode[]) => {
    list.sort(compareFolders);
    list.forEach((n) => sort(n.children));
  };
  sort(top);
  return top;
}

function compareFolders(a: FolderRow, b: FolderRow): number {
  const rank = (f: FolderRow) => {
    const i = f.distinguished ? WELL_KNOWN_ORDER.indexOf(f.distinguished) : -1;
    return i < 0 ? WELL_KNOWN_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/** The folder with a well-known name (inbox, drafts, sentitems, deleteditems…), when synced. */
export function distinguishedFolder(db: MailDB, name: string): Promise<FolderRow | undefined> {
  return db.folders.where('distinguished').equals(name).first();
}

/** One window of a folder's messages, newest first. */
export function messagePage(db: MailDB, folderId: string, offset: number, limit: number): Promise<MessageRow[]> {
  return db.messages
    .where('[folderId+receivedAt]')
    .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray();
}

/** The stored counts of a folder (never a count() of rows). */
export async function messageCount(db: MailDB, folderId: string): Promise<{ total: number; unread: number }> {
  const f = await db.folders.get(folderId);
  return { total: f?.total ?? 0, unread: f?.unread ?? 0 };
}

export function getMessage(db: MailDB, id: string): Promise<MessageRow | undefined> {
  return db.messages.get(id);
}

/** The stored body, or undefined when it has not been fetched (ask the worker: `fetch-body`). */
export function getBody(db: MailDB, id: string): Promise<BodyRow | undefined> {
  return db.bodies.get(id);
}

/**
 * A draft on the server whose body here lists none of the files its row says it has: the body was
 * written on this device before the server named them (the fetch after its save did not happen).
 * Its files can be neither shown nor kept by a remake until the server's body is fetched again.
 */
export function draftFilesUnlisted(message: MessageRow, body: BodyRow): boolean {
  return !!message.isDraft && !isLocalId(message.id) && message.hasAttachments === 1 && body.attachments.length === 0;
}

/** The outbox, oldest first, for the Outbox view. */
export function outboxEntries(db: MailDB): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray();
}

/** Entries still waiting to reach the server (the outbox is small: a count is cheap here). */
export function pendingCount(db: MailDB): Promise<number> {
  return db.outbox.count();
}
