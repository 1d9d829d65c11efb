import type { MailDB } from '../../db/index.js';
import { createStore } from '../hooks/store.js';

/** A row's place in the `[folderId+receivedAt]` index: its key and primary key. */
export interface Anchor {
  receivedAt: number;
  id: string;
}

/** Every this many rows of a folder (newest first), where that row sits in the index. */
export const ANCHOR_EVERY = 250;
// Rows walked per transaction while building, so the worker's writes are never held up long.
const ROWS_PER_STEP = 10_000;

export interface FolderAnchors {
  folderId: string;
  /** The folder's stored total when these were built; a different total means they are stale. */
  total: number;
  /** anchors[i] is the row at position i × ANCHOR_EVERY. */
  anchors: Anchor[];
}

/** Built anchors by folder; a new value makes windows re-read through them. */
export const folderAnchors = createStore<ReadonlyMap<string, FolderAnchors>>(new Map());
const building = new Map<string, number>();

/**
 * Walks the folder's index once, keys only, `advance()`-ing ANCHOR_EVERY rows at a time and
 * noting where it lands, in short transactions that resume exactly (continuePrimaryKey). IndexedDB
 * has no positional access: `advance(50000)` costs as much as reading 50,000 keys (≈1 s in
 * Chromium), so a deep window by offset alone is slow; from an anchor it is at most ANCHOR_EVERY rows away.
 */
async function walk(db: MailDB, folderId: string): Promise<Anchor[]> {
  await db.open();
  const idb = db.backendDB();
  const anchors: Anchor[] = [];
  let done = false;
  while (!done) {
    await new Promise<void>((resolve, reject) => {
      const from = anchors[anchors.length - 1];
      const upper = from ? [folderId, from.receivedAt] : [folderId, []];
      const tx = idb.transaction('messages', 'readonly');
      const request = tx
        .objectStore('messages')
        .index('[folderId+receivedAt]')
        .openKeyCursor(IDBKeyRange.bound([folderId, -Infinity], upper), 'prev');
      // Resuming: find the last anchor again (seek, maybe land on it), then step past it.
      let phase: 'seek' | 'land' | 'walk' = from ? 'seek' : 'walk';
      let steps = 0;
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) {
          done = true;
          return;
        }
        if (phase === 'seek' && indexedDB.cmp(cursor.primaryKey, from!.id) > 0) {
          phase = 'land';
          return cursor.continuePrimaryKey(cursor.key, from!.id);
        }
        if (phase !== 'walk') {
          phase = 'walk';
          return cursor.advance(ANCHOR_EVERY);
        }
        anchors.push({ receivedAt: (cursor.key as [string, number])[1], id: cursor.primaryKey as string });
        if (++steps * ANCHOR_EVERY >= ROWS_PER_STEP) return; // let this transaction end; resume in the next
        cursor.advance(ANCHOR_EVERY);
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  return anchors;
}

/** Makes sure anchors for this folder and total exist or are being built (big folders only). */
export function ensureAnchors(db: MailDB, folderId: string, total: number): void {
  if (total <= ANCHOR_EVERY * 2) return;
  if (folderAnchors.get().get(folderId)?.total === total || building.get(folderId) === total) return;
  building.set(folderId, total);
  void walk(db, folderId)
    .then((anchors) => {
      if (building.get(folderId) !== total) return;
      building.delete(folderId);
      const next = new Map(folderAnchors.get());
      next.set(folderId, { folderId, total, anchors });
      folderAnchors.set(next);
    })
    .catch(() => building.delete(folderId));
}
