import Dexie from 'dexie';
import { attachmentFileName, type Item } from '../ews/index.js';
import { isLocalId, type AttachmentMeta, type BodyRow, type FolderRow } from '../db/index.js';
import type { SyncContext } from './context.js';
import { fetchItems } from './fetch-items.js';
import { BODY_SHAPE } from './shapes.js';

/** The stored body of a fetched item (BodyType Best: HTML when the message has it). */
export function itemToBody(id: string, item: Item, now: number): BodyRow {
  const content = item.body?.value ?? '';
  const attachments: AttachmentMeta[] = (item.attachments ?? []).map((a) => {
    // An attached message is kept as the .eml file it downloads and forwards as.
    const meta: AttachmentMeta = {
      id: a.attachmentId ?? '',
      name: attachmentFileName(a),
      contentType: a.kind === 'ItemAttachment' ? 'message/rfc822' : (a.contentType ?? 'application/octet-stream'),
      size: a.size ?? 0,
      isInline: a.isInline ?? false,
    };
    if (a.contentId !== undefined) meta.contentId = a.contentId;
    return meta;
  });
  return {
    id,
    type: item.body?.bodyType === 'HTML' ? 'html' : 'text',
    content,
    attachments,
    fetchedAt: now,
    size: content.length,
  };
}

/**
 * Fetches and stores bodies of messages we hold. A body whose message left meanwhile is not
 * stored (no orphans). Returns the bodies stored and the ids the server no longer has.
 */
export async function fetchBodies(ctx: SyncContext, ids: string[]): Promise<{ stored: BodyRow[]; gone: string[] }> {
  const fetched = await fetchItems(ctx, ids, BODY_SHAPE, ctx.settings.bodyBatch);
  const now = ctx.clock.now();
  const stored: BodyRow[] = [];
  await ctx.db.transaction('rw', [ctx.db.bodies, ctx.db.messages], async () => {
    const present = await ctx.db.messages.bulkGet([...fetched.items.keys()]);
    [...fetched.items].forEach(([id, item], i) => {
      if (present[i]) stored.push(itemToBody(id, item, now));
    });
    await ctx.db.bodies.bulkPut(stored);
  });
  return { stored, gone: [...fetched.gone] };
}

/**
 * Makes the newest mail readable offline: walks `folders` in order (the Inbox first), newest
 * first, at most `bodiesPerFolder` each, until the message sizes add up to `bodyBudgetBytes`,
 * and fetches the bodies of those not stored yet. Returns how many were fetched.
 */
export async function prefetchBodies(ctx: SyncContext, folders: FolderRow[]): Promise<number> {
  const { db, settings } = ctx;
  let budget = settings.bodyBudgetBytes;
  const wanted: string[] = [];
  for (const f of folders) {
    const rows = await db.messages
      .where('[folderId+receivedAt]')
      .between([f.id, Dexie.minKey], [f.id, Dexie.maxKey])
      .reverse()
      .limit(settings.bodiesPerFolder)
      .toArray();
    for (const row of rows) {
      if (row.size > budget) return fetchMissing(ctx, wanted);
      budget -= row.size;
      if (!isLocalId(row.id)) wanted.push(row.id);
    }
  }
  return fetchMissing(ctx, wanted);
}

async function fetchMissing(ctx: SyncContext, wanted: string[]): Promise<number> {
  const have = new Set(await ctx.db.bodies.where('id').anyOf(wanted).primaryKeys());
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length === 0) return 0;
  ctx.progress.phase('bodies');
  ctx.progress.expect(missing.length);
  const { stored } = await fetchBodies(ctx, missing);
  ctx.progress.done(missing.length);
  return stored.length;
}
