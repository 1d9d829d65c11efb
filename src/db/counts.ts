import type { MessageRow } from './entities.js';
import type { MailDB } from './schema.js';

type Counted = Pick<MessageRow, 'folderId' | 'isRead'>;

/**
 * Folder total/unread changes gathered while rows are written, then applied to the folder rows
 * in the same transaction. Counts are stored numbers: counting 25,000 rows on render costs
 * ~300 ms in IndexedDB, so every writer of message rows keeps them current instead.
 */
export class CountDeltas {
  private readonly byFolder = new Map<string, { total: number; unread: number }>();

  /** Records that `before` became `after` (either may be absent: a create or a delete). */
  change(before: Counted | undefined, after: Counted | undefined): void {
    if (before) this.add(before.folderId, -1, before.isRead ? 0 : -1);
    if (after) this.add(after.folderId, 1, after.isRead ? 0 : 1);
  }

  add(folderId: string, total: number, unread: number): void {
    const d = this.byFolder.get(folderId) ?? { total: 0, unread: 0 };
    d.total += total;
    d.unread += unread;
    this.byFolder.set(folderId, d);
  }

  get empty(): boolean {
    return [...this.byFolder.values()].every((d) => d.total === 0 && d.unread === 0);
  }

  /** Applies the deltas; call inside the rw transaction that wrote the rows (folders in scope). */
  async apply(db: MailDB): Promise<void> {
    for (const [id, d] of this.byFolder) {
      if (d.total === 0 && d.unread === 0) continue;
      const folder = await db.folders.get(id);
      if (!folder) continue;
      await db.folders.update(id, {
        total: Math.max(0, folder.total + d.total),
        unread: Math.max(0, folder.unread + d.unread),
      });
    }
    this.byFolder.clear();
  }
}
