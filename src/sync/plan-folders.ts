import { isLocalId, isMailFolder, WELL_KNOWN_ORDER, type FolderRow, type SyncCursor } from '../db/index.js';
import type { ServerCounts } from './folder-counts.js';
import type { SyncSettings } from './settings.js';

export interface FolderPlanInput {
  folders: FolderRow[];
  cursors: Map<string, SyncCursor>;
  counts: Map<string, ServerCounts>;
  now: number;
  settings: Pick<SyncSettings, 'fullPollSeconds'>;
  /** The folder on screen: synced every pass, right after the Inbox. */
  openFolderId?: string;
  /** Sync every mail folder (the user pressed "sync now"). */
  all?: boolean;
}

/**
 * Which mail folders this pass syncs, in order: the Inbox, the open folder, then by recent use.
 * A no-change poll stays cheap: other folders are synced only when their server counts moved
 * since their last sync, when they are unfinished, or when `fullPollSeconds` has passed (moves
 * of flags do not change counts, so the timer catches them).
 */
export function planFolders(i: FolderPlanInput): FolderRow[] {
  const due = (f: FolderRow): boolean => {
    if (i.all || f.distinguished === 'inbox' || f.id === i.openFolderId) return true;
    const cursor = i.cursors.get(f.id);
    if (!cursor || !cursor.complete || cursor.sweep !== undefined || cursor.retryIds?.length) return true;
    const c = i.counts.get(f.id);
    if (c && (c.total !== cursor.seenTotal || c.unread !== cursor.seenUnread)) return true;
    return i.now - (cursor.lastSync ?? 0) >= i.settings.fullPollSeconds * 1000;
  };
  const rank = (f: FolderRow): number => {
    if (f.distinguished === 'inbox') return 0;
    if (f.id === i.openFolderId) return 1;
    return 2;
  };
  const wellKnown = (f: FolderRow): number => {
    const k = f.distinguished ? WELL_KNOWN_ORDER.indexOf(f.distinguished) : -1;
    return k < 0 ? WELL_KNOWN_ORDER.length : k;
  };
  return i.folders
    .filter((f) => isMailFolder(f) && !isLocalId(f.id) && due(f))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.usedAt ?? 0) - (a.usedAt ?? 0) ||
        wellKnown(a) - wellKnown(b) ||
        a.name.localeCompare(b.name),
    );
}
