import { CreateItem, FindItem, GetItem, SendItem, UpdateItem, type Item, type ItemId } from '../ews/index.js';
import { isLocalId, type OutboxEntry } from '../db/index.js';
import type { SyncContext } from './context.js';
import { draftToItem, draftUpdates, TERN_OPERATION_ID } from './draft-item.js';
import { CONFLICT_CODES, EntryError, plainError } from './entry-error.js';
import { remapItems } from './remap.js';

/**
 * Send: CreateItem SaveOnly into Drafts carrying the opId, then SendItem. The draft's id is
 * stored in the entry between the two, so a retry resumes at SendItem. A retry whose first
 * attempt may have reached the server looks for the opId in Sent Items (done) and Drafts
 * (send that one) first, so one intent sends at most one message.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/senditem-operation
 */
export async function replaySend(ctx: SyncContext, entry: OutboxEntry, interrupted: boolean): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'send') throw new Error(`not a send: ${op.kind}`);
  const { db } = ctx;
  let draft: ItemId | undefined = entry.progress?.draftId
    ? { id: entry.progress.draftId, changeKey: entry.progress.draftChangeKey }
    : undefined;
  const resumed = draft !== undefined;
  if (!draft) {
    if (interrupted) {
      const found = await findByOpId(ctx, entry.opId);
      if (found.sent) return void (await db.outbox.delete(entry.seq!));
      draft = found.draft;
    }
    const item = draftToItem(op.draft, entry.opId, await source(ctx, op.draft.source?.id));
    if (!draft && op.draftId && !isLocalId(op.draftId)) draft = await updateDraft(ctx, op.draftId, item);
    draft ??= await createDraft(ctx, item);
    await db.outbox.update(entry.seq!, { progress: { draftId: draft.id, draftChangeKey: draft.changeKey } });
  }

  let m = (await sendDraft(ctx, draft))[0];
  if (m?.responseClass === 'Error' && CONFLICT_CODES.has(m.responseCode)) {
    const fresh = (await ctx.call(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: draft.id }] }))[0];
    m = (await sendDraft(ctx, { id: draft.id, changeKey: fresh?.items?.[0]?.itemId?.changeKey }))[0];
  }
  // A draft that was sent has left Drafts: "not found" on a resumed send means the first
  // SendItem went through and only its answer was lost.
  const sent = m?.responseClass !== 'Error' || (resumed && m?.responseCode === 'ErrorItemNotFound');
  if (!sent) throw new EntryError(plainError(m));
  await db.outbox.delete(entry.seq!);
}

/**
 * Save a draft: CreateItem SaveOnly the first time (the local row switches to the server's id),
 * UpdateItem after that (AlwaysOverwrite: the latest words the user typed win).
 */
export async function replaySaveDraft(ctx: SyncContext, entry: OutboxEntry, interrupted: boolean): Promise<void> {
  const op = entry.op;
  if (op.kind !== 'save-draft') throw new Error(`not a draft: ${op.kind}`);
  const { db } = ctx;
  const localId = op.draftId ?? entry.local?.draftId;
  const item = draftToItem(op.draft, entry.opId, await source(ctx, op.draft.source?.id));
  if (localId && !isLocalId(localId)) {
    const saved = await updateDraft(ctx, localId, item);
    await db.transaction('rw', [db.messages, db.outbox], async () => {
      if (saved.changeKey) await db.messages.update(localId, { changeKey: saved.changeKey });
      await db.outbox.delete(entry.seq!);
    });
    return;
  }
  const found = interrupted ? (await findByOpId(ctx, entry.opId)).draft : undefined;
  const created = found ?? (await createDraft(ctx, item));
  await db.transaction('rw', [db.messages, db.bodies, db.outbox], async () => {
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
  if (!id) throw new EntryError(plainError(m));
  return id;
}

async function updateDraft(ctx: SyncContext, id: string, item: Item): Promise<ItemId> {
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
  const saved = m?.responseClass !== 'Error' ? m?.items?.[0]?.itemId : undefined;
  if (m?.responseClass === 'Error') throw new EntryError(plainError(m));
  return saved ?? { id };
}

function sendDraft(ctx: SyncContext, draft: ItemId) {
  return ctx.call(SendItem, {
    saveItemToFolder: true,
    savedItemFolderId: { distinguished: 'sentitems' },
    itemIds: [draft],
  });
}

/** Where an earlier attempt of this intent left its message, if anywhere. */
async function findByOpId(ctx: SyncContext, opId: string): Promise<{ sent: boolean; draft?: ItemId }> {
  const [drafts, sent] = await ctx.call(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'IdOnly' },
    view: { kind: 'Indexed', maxEntriesReturned: 1, offset: 0, basePoint: 'Beginning' },
    restriction: { op: 'IsEqualTo', path: { extended: TERN_OPERATION_ID }, value: opId },
    parentFolderIds: [{ distinguished: 'drafts' }, { distinguished: 'sentitems' }],
  });
  if (sent?.rootFolder?.items.length) return { sent: true };
  const draft = drafts?.rootFolder?.items[0]?.itemId;
  return draft ? { sent: false, draft } : { sent: false };
}

const source = (ctx: SyncContext, id: string | undefined) => (id ? ctx.db.messages.get(id) : undefined);
