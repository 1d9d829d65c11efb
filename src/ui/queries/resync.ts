import { db } from '../db.js';

/**
 * "Resync everything": forgets every sync state, so the next pass lists each folder and the
 * folder tree from the start. Rows stay on screen meanwhile; the outbox is untouched.
 */
export async function resyncEverything(): Promise<void> {
  await db.cursors.clear();
}
