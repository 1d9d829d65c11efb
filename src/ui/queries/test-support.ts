import type { MailDB, MessageRow } from '../../db/index.js';
import { messageRow } from '../../db/test-rows.js';
import { ensureAnchors, folderAnchors, type FolderAnchors } from './folder-anchors.js';

/** For tests of list queries: message `i` of a folder, ids in list order when times tie. */
export const listRow = (folderId: string, i: number, receivedAt: number): MessageRow =>
  messageRow(`${folderId}:${String(i).padStart(6, '0')}`, {
    changeKey: 'ck',
    folderId,
    receivedAt,
    subject: `m${i}`,
    isRead: 1,
    size: 1,
  });

/** The folder's anchors once they are built for `total` messages (they build in the background). */
export async function anchorsFor(db: MailDB, folderId: string, total: number): Promise<FolderAnchors> {
  ensureAnchors(db, folderId, total);
  for (;;) {
    const built = folderAnchors.get().get(folderId);
    if (built?.total === total) return built;
    await new Promise((r) => setTimeout(r, 10));
  }
}
