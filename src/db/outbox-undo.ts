import { HIERARCHY_CURSOR, type MessageRow, type OutboxEntry } from './entities.js';
import type { CountDeltas } from './counts.js';
import { fieldOf, isLive, namesMessage, withCategory } from './outbox-overlay.js';
import { removeFolders } from './remove-folders.js';
import type { MailDB } from './schema.js';

/**
 * Takes back an entry's local effect, because it was parked or discarded: the rows show what the
 * server holds again. When a later live entry changes the same thing, that one's effect stays,
 * and it inherits this entry's memory of the state before (the baton), so undoing it later lands
 * on the right value. Where a row cannot be put back (it was deleted for good here), its folder
 * is listed again from the server on the next pass. Call inside a rw transaction over messages,
 * bodies, folders, cursors and outbox; `entries` is the whole outbox, oldest first.
 */
export async function undoLocally(
  db: MailDB,
  entry: OutboxEntry,
  entries: readonly OutboxEntry[],
  counts: CountDeltas,
): Promise<void> {
  const op = entry.op;
  const later = entries.filter((e) => e.seq! > entry.seq! && e.opId !== entry.opId && isLive(e));
  switch (op.kind) {
    case 'set-read':
    case 'set-flag':
    case 'categorize':
    case 'move':
    case 'delete': {
      const field = fieldOf(op)!;
      for (const id of op.ids) {
        const next = later.find((e) => fieldOf(e.op) === field && namesMessage(e, id));
        if (next) await passBaton(db, entry, next, id, field === 'place');
        else await undoMessage(db, entry, id, counts);
      }
      return;
    }
    case 'create-folder':
      await removeFolders(db, [op.tempId]);
      return;
    case 'rename-folder': {
      const before = entry.local?.folderBefore;
      const next = later.find((e) => e.op.kind === 'rename-folder' && e.op.id === op.id);
      if (next && before) await db.outbox.put({ ...next, local: { ...next.local, folderBefore: before } });
      else if (before) await db.folders.update(op.id, { name: before.name });
      return;
    }
    case 'delete-folder': {
      const before = entry.local?.folderBefore;
      if (entry.local?.hardDelete?.includes(op.id)) await relistHierarchy(db);
      else if (before && (await db.folders.get(op.id))) await db.folders.update(op.id, { parentId: before.parentId });
      return;
    }
    case 'send':
    case 'save-draft':
      // The words stay: a draft row keeps showing in Drafts; a send is shown by the entry itself.
      return;
  }
}

async function passBaton(db: MailDB, entry: OutboxEntry, next: OutboxEntry, id: string, place: boolean) {
  const local = { ...next.local };
  if (place) {
    const origin = entry.local?.origin?.[id];
    if (origin !== undefined) local.origin = { ...local.origin, [id]: origin };
  } else {
    const before = entry.local?.before?.[id];
    if (before !== undefined) local.before = { ...local.before, [id]: { ...local.before?.[id], ...before } };
  }
  await db.outbox.put({ ...next, local });
}

async function undoMessage(db: MailDB, entry: OutboxEntry, id: string, counts: CountDeltas): Promise<void> {
  const op = entry.op;
  const row = await db.messages.get(id);
  let back: MessageRow | undefined;
  if (op.kind === 'set-read' || op.kind === 'set-flag' || op.kind === 'categorize') {
    const before = entry.local?.before?.[id];
    if (!row || !before) return;
    // Only this intent's category goes back: intents about the others keep their effect.
    back =
      op.kind === 'categorize'
        ? withCategory(row, op.category, !!before.categories?.includes(op.category))
        : { ...row, ...before };
  } else {
    const origin = entry.local?.origin?.[id];
    if (!origin) return;
    if (!row) {
      // Deleted for good here: only the server still has it.
      await relistFolder(db, origin);
      return;
    }
    if (!(await db.folders.get(origin))) return;
    back = { ...row, folderId: origin };
  }
  counts.change(row, back);
  await db.messages.put(back);
}

/** The folder is listed again from the server in the next pass (a re-list keeps what matches). */
export async function relistFolder(db: MailDB, folderId: string): Promise<void> {
  await db.cursors.update(folderId, { lastVerified: 0 });
}

/** The folder tree is listed again from the server in the next pass. */
export async function relistHierarchy(db: MailDB): Promise<void> {
  const cursor = await db.cursors.get(HIERARCHY_CURSOR);
  if (!cursor) return;
  const { syncState: _forgotten, ...rest } = cursor;
  await db.cursors.put(rest);
}
