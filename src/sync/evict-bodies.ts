import Dexie from 'dexie';
import { isLocalId, isMailFolder, outboxMessageIds } from '../db/index.js';
import type { SyncContext } from './context.js';
import { isQuotaError } from './errors.js';

const DAY_MS = 86_400_000;
const SWEPT = 'bodiesSwept';

/**
 * Removes stored bodies fetched before `fetchedBefore` that nothing needs: not among the newest
 * `bodiesPerFolder` of a mail folder (a superset of what prefetch wants, so prefetch never fetches
 * again what this removed), not in Drafts, not a message the server has not seen yet, not named by
 * an outbox entry. They come back when the message is opened online. Returns how many went.
 */
export async function evictBodies(ctx: Pick<SyncContext, 'db' | 'settings'>, fetchedBefore: number): Promise<number> {
  const { db, settings } = ctx;
  const keep = new Set<string>();
  for (const f of await db.folders.toArray()) {
    if (!isMailFolder(f)) continue;
    const newest = db.messages.where('[folderId+receivedAt]').between([f.id, Dexie.minKey], [f.id, Dexie.maxKey]);
    const ids = f.distinguished === 'drafts' ? newest : newest.reverse().limit(settings.bodiesPerFolder);
    for (const id of await ids.primaryKeys()) keep.add(id);
  }
  // The outbox is read in the same transaction as the removal: an intent recorded meanwhile counts.
  return db.transaction('rw', [db.bodies, db.outbox], async () => {
    const named = outboxMessageIds(await db.outbox.toArray());
    const old = await db.bodies.where('fetchedAt').below(fetchedBefore).primaryKeys();
    const gone = old.filter((id) => !keep.has(id) && !named.has(id) && !isLocalId(id));
    await db.bodies.bulkDelete(gone);
    return gone.length;
  });
}

/** Once a day: bodies outside the offline window go `bodyKeepDays` after they were fetched. */
export async function sweepBodies(ctx: SyncContext): Promise<number> {
  const now = ctx.clock.now();
  const last = (await ctx.db.meta.get(SWEPT))?.value as number | undefined;
  if (last !== undefined && now - last < DAY_MS) return 0;
  const n = await evictBodies(ctx, now - ctx.settings.bodyKeepDays * DAY_MS);
  await ctx.db.meta.put({ key: SWEPT, value: now });
  return n;
}

/**
 * Runs `write`; if the device is full, makes room once by removing every body nothing needs
 * (whatever its age) and runs it again. What the user has not sent yet is never what goes.
 */
export async function withRoom<T>(ctx: SyncContext, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isQuotaError(err) || (await evictBodies(ctx, Infinity)) === 0) throw err;
    return write();
  }
}
