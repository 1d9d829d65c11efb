import Dexie from 'dexie';
import type { ItemId } from '../../ews/index.js';
import type { MailDB, OutboxEntry, OutboxOp } from '../../db/index.js';

/**
 * The server gave items new ids (MoveItem, CreateItem of a draft): the rows, their bodies and
 * every later outbox entry naming an old id switch to the new one, so a queued "mark read"
 * after a "move" reaches the moved message (K-9 Mail lost exactly these: k9mail/k-9#4046).
 * Call inside a rw transaction over messages, bodies and outbox.
 */
export async function remapItems(db: MailDB, ids: Map<string, ItemId>, afterSeq: number): Promise<void> {
  if (ids.size === 0) return;
  for (const [oldId, next] of ids) {
    const row = await db.messages.get(oldId);
    if (row) {
      await db.messages.delete(oldId);
      await db.messages.put({ ...row, id: next.id, changeKey: next.changeKey ?? row.changeKey });
    }
    const body = await db.bodies.get(oldId);
    if (body) {
      await db.bodies.delete(oldId);
      await db.bodies.put({ ...body, id: next.id });
    }
  }
  const swap = (id: string) => ids.get(id)?.id ?? id;
  const swapKeys = <T>(map: Record<string, T> | undefined) =>
    map && Object.fromEntries(Object.entries(map).map(([id, v]) => [swap(id), v]));
  await rewriteLater(db, afterSeq, (e) => {
    const op = e.op;
    const next: OutboxEntry = { ...e };
    if ('ids' in op) next.op = { ...op, ids: op.ids.map(swap) } as OutboxOp;
    if ((op.kind === 'send' || op.kind === 'save-draft') && op.draftId) next.op = { ...op, draftId: swap(op.draftId) };
    if (e.local) {
      const local = { ...e.local };
      if (local.hardDelete) local.hardDelete = local.hardDelete.map(swap);
      if (local.origin) local.origin = swapKeys(local.origin)!;
      if (local.before) local.before = swapKeys(local.before)!;
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
    return next;
  });
}

async function rewriteLater(db: MailDB, afterSeq: number, rewrite: (e: OutboxEntry) => OutboxEntry): Promise<void> {
  const later = await db.outbox.where('seq').above(afterSeq).toArray();
  for (const e of later) {
    const next = rewrite(e);
    if (JSON.stringify(next) !== JSON.stringify(e)) await db.outbox.put(next);
  }
}
