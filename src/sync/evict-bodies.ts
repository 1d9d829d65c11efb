import { META, evictBodies } from '../db/index.js';
import type { SyncContext } from './context.js';
import { isQuotaError } from './errors.js';

const DAY_MS = 86_400_000;

/** Once a day: bodies outside the offline window go `bodyKeepDays` after they were fetched. */
export async function sweepBodies(ctx: SyncContext): Promise<number> {
  const now = ctx.clock.now();
  const last = (await ctx.db.meta.get(META.bodiesSwept))?.value as number | undefined;
  if (last !== undefined && now - last < DAY_MS) return 0;
  const n = await evictBodies(ctx.db, ctx.settings.bodiesPerFolder, now - ctx.settings.bodyKeepDays * DAY_MS);
  await ctx.db.meta.put({ key: META.bodiesSwept, value: now });
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
    if (!isQuotaError(err) || (await evictBodies(ctx.db, ctx.settings.bodiesPerFolder, Infinity)) === 0) throw err;
    return write();
  }
}
