import { sweepFiles } from '../db/index.js';
import { db } from './db.js';
import { syncStatus } from './sync-client.js';

/**
 * Files attached to mail stay on this device until nothing names them: no local draft, no
 * outbox entry. The page sweeps them, not the worker (whose size is budgeted): once at start, and
 * each time the worker reports a shorter outbox (a send or save done, an entry discarded).
 */
export function sweepFilesAsOutboxShrinks(): () => void {
  let pending = syncStatus.get()?.pendingOutbox;
  const sweep = () => void sweepIfAny().catch((err: unknown) => console.error('Could not remove sent files', err));
  sweep();
  return syncStatus.subscribe((status) => {
    const before = pending;
    pending = status?.pendingOutbox;
    if (pending !== undefined && before !== undefined && pending < before) sweep();
  });
}

// Most of the time there is no file at all: a read, not a write over three tables.
async function sweepIfAny(): Promise<void> {
  if ((await db.files.count()) > 0) await sweepFiles(db);
}
