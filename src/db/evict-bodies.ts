import Dexie from 'dexie';
import { isMailFolder } from './folder-kind.js';
import { isLocalId } from './local-ids.js';
import { META } from './entities.js';
import { outboxMessageIds } from './outbox-refs.js';
import type { MailDB } from './schema.js';

/** How many of each folder's newest messages keep their bodies on the device (the offline window). */
export const BODIES_PER_FOLDER = 200;

/** Bodies outside that window (opened on demand, or overtaken by newer mail) stay this many days after they were fetched. */
export const BODY_KEEP_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Removes stored bodies fetched before `fetchedBefore` that nothing needs: not among the newest
 * `perFolder` of a mail folder (a superset of what prefetch wants, so prefetch never fetches again
 * what this removed), not in Drafts, not a message the server has not seen yet, not named by an
 * outbox entry. They come back when the message is opened online. Returns how many went.
 */
export async function evictBodies(db: MailDB, perFolder: number, fetchedBefore: number): Promise<number> {
  const keep = new Set<string>();
  for (const f of await db.folders.toArray()) {
    if (!isMailFolder(f)) continue;
    const newest = db.messages.where('[folderId+receivedAt]').between([f.id, Dexie.minKey], [f.id, Dexie.maxKey]);
    const ids = f.distinguished === 'drafts' ? newest : newest.reverse().limit(perFolder);
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

/**
 * Once a day (`now` against the last sweep): bodies outside the offline window go `keepDays`
 * after they were fetched. The page runs it, not the worker, whose size is budgeted: the worker
 * makes room on its own only when the disk is full (`withRoom`). Returns how many went.
 */
export async function sweepBodies(
  db: MailDB,
  now: number,
  perFolder = BODIES_PER_FOLDER,
  keepDays = BODY_KEEP_DAYS,
): Promise<number> {
  const last = (await db.meta.get(META.bodiesSwept))?.value as number | undefined;
  if (last !== undefined && now - last < DAY_MS) return 0;
  const n = await evictBodies(db, perFolder, now - keepDays * DAY_MS);
  await db.meta.put({ key: META.bodiesSwept, value: now });
  return n;
}
