import { CreateItem, DeleteItem, GetItem, SendItem, UpdateItem, type Item, type ItemId } from '../../ews/index.js';
import { isLocalId, type Draft, type OpOf, type OutboxEntry } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { draftAttachments } from './draft-attachments.js';
import { draftToItem, draftUpdates } from './draft-item.js';
import { CONFLICT_CODES, EntryError, failureOf } from './entry-error.js';
import { fetchBodies } from '../bodies.js';
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
export async function replaySend(
  ctx: SyncContext,
  entry: OutboxEntry,
  op: OpOf<'send'>,
  unsure: boolean,
): Promise<void> {
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
    const item = await itemOf(ctx, entry.opId, op.draft, op.draftId);
    if (op.draftId && !isLocalId(op.draftId) && !op.draft.remake) draft = await updateDraft(ctx, op.draftId, item);
    draft ??= await createDraft(ctx, item);
  }
  const made = draft;
  await db.outbox.update(entry.seq!, (e: OutboxEntry) => {
    e.progress = { ...e.progress, draftId: made.id, draftChangeKey: made.changeKey };
  });
  // Only once the new draft is noted, so that a retry sends it rather than make another.
  if (op.draft.remake) await dropDraft(ctx, op.draftId!);

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
 * UpdateItem after that (AlwaysOverwrite: the latest words the user typed win). UpdateItem cannot
 * add or remove files, so a draft whose files changed is made again (`remake`) and the old one
 * deleted. A new draft whose outcome is unknown is looked for by its opId before making another.
 */
export async function replaySaveDraft(
  ctx: SyncContext,
  entry: OutboxEntry,
  op: OpOf<'save-draft'>,
  unsure: boolean,
): Promise<void> {
  const { db } = ctx;
  const localId = op.draftId ?? entry.local?.draftId;
  const item = await itemOf(ctx, entry.opId, op.draft, localId);
  // Deleted on the server meanwhile, the user's latest words make a new draft.
  const updated =
    localId && !isLocalId(localId) && !op.draft.remake ? await updateDraft(ctx, localId, item) : undefined;
  const saved =
    updated ?? (unsure ? (await findByOpId(ctx, entry.opId)).draft : undefined) ?? (await createDraft(ctx, item));
  if (op.draft.remake) await dropDraft(ctx, localId!);
  await db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
    if (updated) {
      if (saved.changeKey) await db.messages.update(localId!, { changeKey: saved.changeKey });
    } else if (localId) await remapItems(db, new Map([[localId, saved]]), entry.seq!);
    await db.outbox.delete(entry.seq!);
  });
  // Its files have server ids now: the body as the server has it lists them, ready to download.
  if (item.attachments) await fetchBodies(ctx, [saved.id]);
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

/** Deletes the draft a remade one replaces; gone already is as good. */
async function dropDraft(ctx: SyncContext, id: string): Promise<void> {
  const [m] = await ctx.call(DeleteItem, { deleteType: 'SoftDelete', itemIds: [{ id }] });
  if (m?.responseClass === 'Error' && m.responseCode !== 'ErrorItemNotFound') throw new EntryError(failureOf(m));
}

function sendDraft(ctx: SyncContext, draft: ItemId) {
  return ctx.call(SendItem, {
    saveItemToFolder: true,
    savedItemFolderId: { distinguished: 'sentitems' },
    itemIds: [draft],
  });
}

/**
 * The EWS message an entry makes: its words, the message it answers, and its attachments' content
 * when it makes a draft (`target`, the draft it saves again, is absent, only local, or remade).
 */
async function itemOf(ctx: SyncContext, opId: string, draft: Draft, target: string | undefined): Promise<Item> {
  const id = draft.source?.id;
  const source = id ? await ctx.db.messages.get(id) : undefined;
  const fresh = !target || isLocalId(target) || draft.remake;
  return draftToItem(draft, opId, source, fresh ? await draftAttachments(ctx, draft) : undefined);
}
