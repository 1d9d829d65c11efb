import type { OutboxEntry, OutboxReason } from './entities.js';
import { enqueue } from './actions.js';
import { CountDeltas } from './counts.js';
import { isLocalId } from './local-ids.js';
import { sweepFiles } from './files.js';
import { addNotes, type OutboxNote } from './outbox-notes.js';
import { isLive } from './outbox-overlay.js';
import { undoLocally } from './outbox-undo.js';
import { refindOriginals } from './refind-originals.js';
import type { MailDB } from './schema.js';

/**
 * What happens to an entry outside a normal replay: parked by the engine (it cannot succeed as
 * it is), retried or discarded by the user. Each runs in one transaction and takes the entries
 * that depend on it along (messages moved into a folder that could not be created…).
 */

const TABLES = (db: MailDB) => [db.messages, db.bodies, db.folders, db.cursors, db.outbox, db.meta, db.files];

/** The id a waiting entry creates on the server, which later entries may name meanwhile. */
function createdId(e: OutboxEntry): string | undefined {
  if (e.op.kind === 'create-folder') return e.op.tempId;
  if (e.op.kind === 'save-draft' && e.op.draftId === undefined && e.local?.draftId) return e.local.draftId;
  return undefined;
}

/** Local ids (a folder or draft not created on the server yet) an entry needs. */
export function localRefs(e: OutboxEntry): string[] {
  const op = e.op;
  const refs: string[] = [];
  if ('ids' in op) refs.push(...op.ids);
  if ((op.kind === 'send' || op.kind === 'save-draft') && op.draftId) refs.push(op.draftId);
  if (op.kind === 'move') refs.push(op.toFolderId);
  if (op.kind === 'create-folder') refs.push(op.parentId);
  if (op.kind === 'rename-folder' || op.kind === 'delete-folder') refs.push(op.id);
  return refs.filter(isLocalId);
}

/** Later entries that need what `entry` creates, directly or through one another, oldest first. */
export function dependentsOf(entry: OutboxEntry, entries: readonly OutboxEntry[]): OutboxEntry[] {
  const made = new Set<string>();
  const own = createdId(entry);
  if (own) made.add(own);
  const out: OutboxEntry[] = [];
  for (const e of entries) {
    if (e.seq! <= entry.seq! || made.size === 0) continue;
    if (!localRefs(e).some((id) => made.has(id))) continue;
    out.push(e);
    const next = createdId(e);
    if (next) made.add(next);
  }
  return out;
}

/** The creator still in the outbox of a local id this entry needs, if any. */
export function creatorOf(entry: OutboxEntry, entries: readonly OutboxEntry[]): OutboxEntry | undefined {
  const refs = new Set(localRefs(entry));
  return entries.find((e) => e.seq! < entry.seq! && refs.has(createdId(e) ?? ''));
}

/**
 * Parks an entry: it cannot succeed as it is. Its local effect is undone and it waits for the
 * user; the entries that depend on it are parked with it, saying what they wait for.
 */
export async function parkEntry(db: MailDB, seq: number, reason: OutboxReason, now: number): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const entry = entries.find((e) => e.seq === seq);
    if (!entry) return;
    const counts = new CountDeltas();
    const dependents = dependentsOf(entry, entries).filter(isLive);
    for (const d of [...dependents].reverse()) {
      await undoLocally(db, d, entries, counts);
      await db.outbox.put({ ...d, state: 'parked', parkedAt: now, error: { code: 'needs-failed', cause: reason } });
    }
    if (isLive(entry)) await undoLocally(db, entry, entries, counts);
    await db.outbox.put({ ...entry, state: 'parked', parkedAt: now, error: reason });
    await counts.apply(db);
  });
}

/**
 * Retry. A parked entry is queued again at the end, as if the user did it again now (same opId,
 * so a send still cannot go twice), with the entries parked because of it behind it; a forward
 * names its original again if another program moved it. A failed one is simply due at once.
 */
export async function retryEntry(db: MailDB, seq: number, now: number = Date.now()): Promise<void> {
  const entries = await db.outbox.orderBy('seq').toArray();
  const entry = entries.find((e) => e.seq === seq);
  if (!entry) return;
  if (entry.state !== 'parked') {
    await db.outbox.update(seq, (e: OutboxEntry) => {
      if (e.state === 'failed') e.state = 'pending';
      delete e.notBefore;
      delete e.error;
    });
    return;
  }
  const chain = [entry, ...dependentsOf(entry, entries).filter((d) => d.state === 'parked')];
  await db.transaction('rw', TABLES(db), async () => {
    for (const e of chain) {
      await db.outbox.delete(e.seq!);
      await enqueue(db, fresh(await refindOriginals(db, e)), now);
    }
  });
}

/** The entry as new, keeping its opId and what may already exist on the server because of it. */
function fresh(e: OutboxEntry): OutboxEntry {
  const { seq: _seq, notBefore: _n, error: _e, parkedAt: _p, local, progress, ...rest } = e;
  const next: OutboxEntry = { ...rest, state: 'pending', attempts: 0 };
  if (local?.draftId) next.local = { draftId: local.draftId };
  // Whatever a former attempt made is found by the opId first (a draft, a sent message).
  if (progress?.tried || progress?.draftId) next.progress = { tried: true };
  return next;
}

/**
 * Takes back a send held for its Undo, as long as no pass has started it: the entry goes, as a
 * discard would, and `restore` (the composer's draft put back) runs in the same transaction.
 * False, with nothing changed, once a pass has claimed it or an attempt may have reached the server.
 */
export async function takeBackSend(db: MailDB, opId: string, restore: () => Promise<unknown>): Promise<boolean> {
  return db.transaction('rw', TABLES(db), async () => {
    const entry = await db.outbox.where('opId').equals(opId).first();
    const untouched = entry?.state === 'pending' && entry.attempts === 0 && !entry.progress?.tried;
    if (!untouched || entry.op.kind !== 'send') return false;
    await restore();
    await discardEntry(db, entry.seq!);
    return true;
  });
}

/** Lets a held send go at once: the page that held it for Undo is going away. */
export async function releaseSend(db: MailDB, opId: string): Promise<void> {
  await db.outbox
    .where('opId')
    .equals(opId)
    .modify((e: OutboxEntry) => {
      if (e.state === 'pending') delete e.notBefore;
    });
}

/**
 * Discard: the change will never reach the server. Its local effect is undone (the server's copy
 * shows again), and entries that cannot happen without it go too, with a note saying so.
 */
export async function discardEntry(db: MailDB, seq: number, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const entry = entries.find((e) => e.seq === seq);
    if (!entry) return;
    const counts = new CountDeltas();
    const dependents = dependentsOf(entry, entries);
    const notes: OutboxNote[] = [];
    for (const e of [...dependents.reverse(), entry]) {
      if (isLive(e)) await undoLocally(db, e, entries, counts);
      await db.outbox.delete(e.seq!);
    }
    if (dependents.length)
      notes.push({ opId: entry.opId, at: now, what: { code: 'discarded-too', count: dependents.length } });
    if (entry.op.kind === 'send' && entry.progress?.draftId)
      notes.push({ opId: entry.opId, at: now, what: { code: 'kept-in-drafts' } });
    await counts.apply(db);
    await addNotes(db, notes);
    // A discarded send's files go with it, unless the draft they came from still names them.
    await sweepFiles(db);
  });
}
