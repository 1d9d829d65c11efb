import { evictBodies } from '../db/index.js';
import type { SyncContext } from './context.js';
import { isQuotaError } from './errors.js';

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
