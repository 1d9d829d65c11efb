import type { Db } from './database.js';
import type { AttachmentRow, AttachmentValues } from './rows.js';

const META = 'id, item_id, name, content_type, content_id, content_location, is_inline, size, modified';

export function insertAttachment(db: Db, itemId: number, a: AttachmentValues): number {
  const r = db
    .prep(
      `INSERT INTO attachments (item_id, name, content_type, content_id, content_location, is_inline, size, modified,
         content)
       VALUES (@item_id, @name, @content_type, @content_id, @content_location, @is_inline, @size, @modified, @content)`,
    )
    .run({ ...a, item_id: itemId });
  return Number(r.lastInsertRowid);
}

/** Attachment metadata of items, in the order they were added. */
export function attachmentsOf(db: Db, itemIds: readonly number[]): AttachmentRow[] {
  if (!itemIds.length) return [];
  return db
    .prep(`SELECT ${META} FROM attachments WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(itemIds)) as AttachmentRow[];
}

export function attachmentWithContent(db: Db, id: number): (AttachmentRow & { content: Buffer }) | undefined {
  return db.prep(`SELECT ${META}, content FROM attachments WHERE id = ?`).get(id) as
    (AttachmentRow & { content: Buffer }) | undefined;
}

/** Full attachments of one item (for composing its MIME again). */
export function attachmentsWithContent(db: Db, itemId: number): (AttachmentRow & { content: Buffer })[] {
  return db
    .prep(`SELECT ${META}, content FROM attachments WHERE item_id = ? ORDER BY id`)
    .all(itemId) as (AttachmentRow & { content: Buffer })[];
}

export function deleteAttachment(db: Db, id: number): void {
  db.prep('DELETE FROM attachments WHERE id = ?').run(id);
}

export function deleteAttachments(db: Db, itemId: number): void {
  db.prep('DELETE FROM attachments WHERE item_id = ?').run(itemId);
}
