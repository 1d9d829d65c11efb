import type { FileRow, OutboxEntry } from './entities.js';
import type { DraftAttachment } from './outbox-ops.js';
import type { MailDB } from './schema.js';

/** The `meta` key prefix of the drafts being written on this device (the composer's autosave). */
export const LOCAL_DRAFT_PREFIX = 'draft:';

/**
 * At most this many bytes of files in one message. Exchange Online accepts messages of about
 * 35 MB as sent, and base64 makes files a third larger on the way: about 25 MB of files.
 * @see https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits#message-limits
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** A file read from the user's disk, ready to be kept. */
export interface NewFile {
  name: string;
  contentType: string;
  bytes: ArrayBuffer;
}

/** The total size of a draft's attachments, in bytes. */
export const attachmentBytes = (list: readonly DraftAttachment[] | undefined): number =>
  (list ?? []).reduce((sum, a) => sum + a.size, 0);

/**
 * Keeps files attached to the local draft `draftKey` and, in the **same** transaction, writes that
 * draft's `meta` row as `update` makes it from the new attachments: a file is never stored without
 * a draft naming it, so `sweepFiles` cannot take it meanwhile. A full disk rejects with the
 * browser's QuotaExceededError (see `isQuotaError`) and nothing at all is written.
 */
export async function storeDraftFiles(
  db: MailDB,
  draftKey: string,
  files: readonly NewFile[],
  update: (added: DraftAttachment[]) => unknown,
  now: number = Date.now(),
): Promise<DraftAttachment[]> {
  const rows: FileRow[] = files.map((f) => ({
    id: crypto.randomUUID(),
    blob: new Blob([f.bytes], { type: f.contentType }),
    name: f.name,
    contentType: f.contentType,
    size: f.bytes.byteLength,
    createdAt: now,
  }));
  const added: DraftAttachment[] = rows.map((r) => ({
    kind: 'file',
    fileId: r.id,
    name: r.name,
    contentType: r.contentType,
    size: r.size,
  }));
  await db.transaction('rw', [db.files, db.meta], async () => {
    await db.files.bulkAdd(rows);
    await db.meta.put({ key: LOCAL_DRAFT_PREFIX + draftKey, value: update(added) });
  });
  return added;
}

/** A write refused because the disk (or the origin's share of it) is full. */
export function isQuotaError(err: unknown): boolean {
  // Dexie wraps the DOMException and keeps it as `inner`.
  for (let e = err as { name?: string; inner?: unknown } | undefined; e; e = e.inner as typeof e)
    if (e.name === 'QuotaExceededError') return true;
  return false;
}

/** Ids of the stored files a draft (an outbox op's, or a local draft in `meta`) refers to. */
function fileIds(draft: { attachments?: DraftAttachment[] } | undefined, into: Set<string>): void {
  for (const a of draft?.attachments ?? []) if (a.kind === 'file') into.add(a.fileId);
}

const draftOf = (e: OutboxEntry) => (e.op.kind === 'send' || e.op.kind === 'save-draft' ? e.op.draft : undefined);

/**
 * Deletes the files nothing refers to any more: no local draft, no outbox entry (sent, discarded,
 * removed from a draft). Mark and sweep rather than counting references, because one file is
 * named by the local draft, its saves and its send at once. Returns how many went.
 */
export async function sweepFiles(db: MailDB): Promise<number> {
  return db.transaction('rw', [db.files, db.outbox, db.meta], async () => {
    const ids = (await db.files.toCollection().primaryKeys()) as string[];
    if (ids.length === 0) return 0;
    const used = new Set<string>();
    for (const e of await db.outbox.toArray()) fileIds(draftOf(e), used);
    for (const m of await db.meta.where('key').startsWith(LOCAL_DRAFT_PREFIX).toArray())
      fileIds(m.value as { attachments?: DraftAttachment[] }, used);
    const gone = ids.filter((id) => !used.has(id));
    await db.files.bulkDelete(gone);
    return gone.length;
  });
}
