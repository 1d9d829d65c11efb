import { CreateItem, GetItem, SendItem, UpdateItem, type Item, type ItemId } from '../../ews/index.js';
import { isLocalId, type OutboxEntry } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { draftAttachments } from './draft-attachments.js';
import { draftToItem, draftUpdates } from './draft-item.js';
import { CONFLICT_CODES, EntryError, failureOf } from './entry-error.js';
import { findByOpId } from './find-by-op-id.js';
import { remapItems } from './remap.js';

/**
 * Send, at most once. CreateItem SaveOnly into Drafts carrying the opId (never SendAndSaveCopy:
 * its outcome cannot be checked), the draft's id stored in the entry, then SendItem. When an
 * earlier attempt's outcome is unknown (`unsure`: a lost answer, a killed worker), the opId is
 * looked for first: in Sent Items or the Outbox it was sent (done); in Drafts it is sent from
 * there; nowhere, the CreateItem never happened and is made now — unless we know it did, then the
 * entry is parked rather than risk a second copy.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/senditem-operation
 */
export async function replaySend(ctx: SyncContext, entry: OutboxEntry, unsure: boolean): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'send') throw new Error(`not a send: ${op.kind}`);
  const { db } = ctx;
  let draft: ItemId | undefined = entry.progress?.draftId
    ? { id: entry.progress.draftId, changeKey: entry.progress.draftChangeKey }
    : undefined;
  if (unsure) {
    const found = await findByOpId(ctx, entry.opId);
    if (found.sent) return void (await db.outbox.delete(entry.seq!));
    if (!found.draft && draft) throw EntryError.park({ code: 'send-lost' });
    draft = found.draft;
  }
  if (!draft) {
    // Attachments are read (and forwarded ones fetched) only when the message must be made:
    // a draft an earlier attempt made already holds them.
    const item = await itemOf(ctx, entry);
    if (op.draftId && !isLocalId(op.draftId)) draft = await updateDraft(ctx, op.draftId, item);
    draft ??= await createDraft(ctx, item);
  }
  const made = draft;
  await db.outbox.update(entry.seq!, (e: OutboxEntry) => {
    e.progress = { ...e.progress, draftId: made.id, draftChangeKey: made.changeKey };
  });

  let [m] = await sendDraft(ctx, made);
  if (m?.responseClass === 'Error' && CONFLICT_CODES.has(m.responseCode)) {
    const [fresh] = await ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: made.id }] });
    [m] = await sendDraft(ctx, { id: made.id, changeKey: fresh?.items?.[0]?.itemId?.changeKey });
  }
  if (m?.responseClass === 'Error' && m.responseCode === 'ErrorItemNotFound') {
    // The draft left Drafts without this attempt: sent by an attempt we did not hear back
    // from, or deleted by someone. Only Sent Items can tell.
    if (!(await findByOpId(ctx, entry.opId)).sent) throw EntryError.park({ code: 'send-lost' });
  } else if (m?.responseClass === 'Error' || !m) throw new EntryError(failureOf(m));
  await db.outbox.delete(entry.seq!);
}

/**
 * Save a draft: CreateItem SaveOnly the first time (the local row switches to the server's id),
 * UpdateItem after that (AlwaysOverwrite: the latest words the user typed win). A first save
 * whose outcome is unknown looks for its opId in Drafts before creating another.
 */
export async function replaySaveDraft(ctx: SyncContext, entry: OutboxEntry, unsure: boolean): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'save-draft') throw new Error(`not a draft: ${op.kind}`);
  const { db } = ctx;
  const localId = op.draftId ?? entry.local?.draftId;
  // Only a new draft gets the attachments: UpdateItem cannot add or remove them (that takes
  // CreateAttachment and DeleteAttachment), so a server draft keeps the ones it has.
  const item = await itemOf(ctx, entry);
  if (localId && !isLocalId(localId)) {
    // Deleted on the server meanwhile: the user's latest words make a new draft.
    const updated = await updateDraft(ctx, localId, item);
    const saved = updated ?? (await createDraft(ctx, item));
    await db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
      if (!updated) await remapItems(db, new Map([[localId, saved]]), entry.seq!);
      else if (saved.changeKey) await db.messages.update(localId, { changeKey: saved.changeKey });
      await db.outbox.delete(entry.seq!);
    });
    return;
  }
  const found = unsure ? (await findByOpId(ctx, entry.opId)).draft : undefined;
  const created = found ?? (await createDraft(ctx, item));
  await db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
    if (localId) await remapItems(db, new Map([[localId, created]]), entry.seq!);
    await db.outbox.delete(entry.seq!);
  });
}

async function createDraft(ctx: SyncContext, item: Item): Promise<ItemId> {
  const [m] = await ctx.call(CreateItem, {
    messageDisposition: 'SaveOnly',
    savedItemFolderId: { distinguished: 'drafts' },
    items: [item],
  });
  const id = m?.responseClass !== 'Error' ? m?.items?.[0]?.itemId : undefined;
  if (!id) throw new EntryError(failureOf(m));
  return id;
}

/** Rewrites a draft that exists on the server (stamping our opId on it); undefined when it is gone. */
async function updateDraft(ctx: SyncContext, id: string, item: Item): Promise<ItemId | undefined> {
  const row = await ctx.db.messages.get(id);
  let changeKey = row?.changeKey || undefined;
  if (!changeKey) {
    const [got] = await ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id }] });
    changeKey = got?.items?.[0]?.itemId?.changeKey;
  }
  const [m] = await ctx.call(UpdateItem, {
    conflictResolution: 'AlwaysOverwrite',
    messageDisposition: 'SaveOnly',
    itemChanges: [{ itemId: { id, changeKey }, updates: draftUpdates(item) }],
  });
  if (m?.responseCode === 'ErrorItemNotFound') return undefined;
  if (m?.responseClass === 'Error' || !m) throw new EntryError(failureOf(m));
  return m.items?.[0]?.itemId ?? { id };
}

function sendDraft(ctx: SyncContext, draft: ItemId) {
  return ctx.call(SendItem, {
    saveItemToFolder: true,
    savedItemFolderId: { distinguished: 'sentitems' },
    itemIds: [draft],
  });
}

/** The EWS message an entry makes: its words, the message it answers, its attachments' content. */
async function itemOf(ctx: SyncContext, entry: OutboxEntry): Promise<Item> {
  const op = entry.op as Extract<OutboxEntry['op'], { kind: 'send' | 'save-draft' }>;
  const id = op.draft.source?.id;
  const source = id ? await ctx.db.messages.get(id) : undefined;
  const target = op.kind === 'send' ? op.draftId : (op.draftId ?? entry.local?.draftId);
  const fresh = !target || isLocalId(target);
  return draftToItem(op.draft, entry.opId, source, fresh ? await draftAttachments(ctx, op.draft) : undefined);
}
