import Dexie from 'dexie';
import type { ItemId } from '../../ews/index.js';
import { CountDeltas, type MailDB, type OutboxEntry, type OutboxOp } from '../../db/index.js';

/**
 * The server gave items new ids (MoveItem, CreateItem of a draft): the rows, their bodies and
 * every later outbox entry naming an old id switch to the new one, so a queued "mark read"
 * after a "move" reaches the moved message (K-9 Mail lost exactly these: k9mail/k-9#4046).
 * A sync may have brought the new id in already (a move whose answer was lost): that copy gives
 * way to the row the user sees, and the folder counts lose it. Call inside a rw transaction over
 * messages, bodies, folders and outbox.
 */
export async function remapItems(db: MailDB, ids: Map<string, ItemId>, afterSeq: number): Promise<void> {
  if (ids.size === 0) return;
  const counts = new CountDeltas();
  for (const [oldId, next] of ids) {
    const row = await db.messages.get(oldId);
    if (row) {
      const synced = next.id === oldId ? undefined : await db.messages.get(next.id);
      if (synced) counts.change(synced, undefined);
      await db.messages.delete(oldId);
      await db.messages.put({ ...row, id: next.id, changeKey: next.changeKey ?? row.changeKey });
    }
    const body = await db.bodies.get(oldId);
    if (body) {
      await db.bodies.delete(oldId);
      await db.bodies.put({ ...body, id: next.id });
    }
  }
  await counts.apply(db);
  const swap = (id: string) => ids.get(id)?.id ?? id;
  const swapKeys = <T>(map: Record<string, T> | undefined) =>
    map && Object.fromEntries(Object.entries(map).map(([id, v]) => [swap(id), v]));
  await rewriteLater(db, afterSeq, (e) => {
    const op = e.op;
    const next: OutboxEntry = { ...e };
    if ('ids' in op) next.op = { ...op, ids: op.ids.map(swap) } as OutboxOp;
    if (op.kind === 'send' || op.kind === 'save-draft') {
      // The message answered or forwarded moved: the reply keeps its thread, the forward its files.
      const { source, attachments } = op.draft;
      const draft = { ...op.draft };
      if (source) draft.source = { ...source, id: swap(source.id) };
      if (attachments)
        draft.attachments = attachments.map((a) => (a.kind === 'forward' ? { ...a, sourceId: swap(a.sourceId) } : a));
      next.op = { ...op, draft, ...(op.draftId ? { draftId: swap(op.draftId) } : {}) };
    }
    if (e.local) {
      const local = { ...e.local };
      if (local.hardDelete) local.hardDelete = local.hardDelete.map(swap);
      if (local.origin) local.origin = swapKeys(local.origin)!;
      if (local.before) local.before = swapKeys(local.before)!;
      if (local.messageIds) local.messageIds = swapKeys(local.messageIds)!;
      if (local.draftId) local.draftId = swap(local.draftId);
      next.local = local;
    }
    return next;
  });
}

/**
 * A folder created offline got its server id: its row, its messages, its subfolders, its cursor
 * and later entries naming it follow. Call inside a rw transaction over folders, messages,
 * cursors and outbox.
 */
export async function remapFolder(db: MailDB, oldId: string, newId: string, afterSeq: number): Promise<void> {
  const row = await db.folders.get(oldId);
  if (row) {
    await db.folders.delete(oldId);
    await db.folders.put({ ...row, id: newId });
  }
  await db.folders.where('parentId').equals(oldId).modify({ parentId: newId });
  await db.messages
    .where('[folderId+receivedAt]')
    .between([oldId, Dexie.minKey], [oldId, Dexie.maxKey])
    .modify({ folderId: newId });
  const swap = (id: string) => (id === oldId ? newId : id);
  await rewriteLater(db, afterSeq, (e) => {
    const op = e.op;
    const next: OutboxEntry = { ...e };
    if (op.kind === 'move') next.op = { ...op, toFolderId: swap(op.toFolderId) };
    if (op.kind === 'create-folder') next.op = { ...op, parentId: swap(op.parentId) };
    if (op.kind === 'rename-folder' || op.kind === 'delete-folder') next.op = { ...op, id: swap(op.id) };
    if (e.local?.origin)
      next.local = {
        ...e.local,
        origin: Object.fromEntries(Object.entries(e.local.origin).map(([id, f]) => [id, swap(f)])),
      };
    if (e.local?.folderBefore)
      next.local = {
        ...next.local,
        folderBefore: { ...e.local.folderBefore, parentId: swap(e.local.folderBefore.parentId) },
      };
    // A folder deleted for good lists the folders that go with it, which may include this one.
    if (op.kind === 'delete-folder' && e.local?.hardDelete)
      next.local = { ...next.local, hardDelete: e.local.hardDelete.map(swap) };
    return next;
  });
}

/**
 * Rewrites the entries after `afterSeq`, and parked ones whatever their place: they wait out of
 * line, and a Retry must find the message under the id it has now.
 */
async function rewriteLater(db: MailDB, afterSeq: number, rewrite: (e: OutboxEntry) => OutboxEntry): Promise<void> {
  const later = await db.outbox.filter((e) => e.seq! > afterSeq || e.state === 'parked').toArray();
  for (const e of later) {
    const next = rewrite(e);
    if (JSON.stringify(next) !== JSON.stringify(e)) await db.outbox.put(next);
  }
}
