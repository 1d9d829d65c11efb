import type { SyncContext } from '../context.js';

/** The name a folder has here, for a reason that says which folder is gone (none if unknown). */
export async function folderNamed(ctx: SyncContext, id: string): Promise<{ folder?: string }> {
  const name = (await ctx.db.folders.get(id))?.name;
  return name ? { folder: name } : {};
}
