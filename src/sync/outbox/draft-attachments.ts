import { GetAttachment, GetItem, attachmentFileName, type Attachment } from '../../ews/index.js';
import type { Draft, DraftAttachment } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { blobToBase64 } from './blob-base64.js';
import { EntryError, failureOf } from './entry-error.js';

/** An attached message comes as its MIME source, forwarded as the .eml file the reader showed. */
const WITH_MIME = { includeMimeContent: true };

/** Codes that say a forwarded attachment's message is gone from the server. */
const GONE: ReadonlySet<string> = new Set(['ErrorItemNotFound', 'ErrorInvalidIdNotFound']);

/**
 * A draft's attachments with their content, for the CreateItem that makes the message: the
 * user's files from the `files` table, a forwarded message's from the server, all of them in
 * one GetAttachment. When the forwarded message is gone, the entry is parked saying so: a
 * forward is never sent without the attachments the user saw on it.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getattachment-operation
 */
export async function draftAttachments(ctx: SyncContext, draft: Draft): Promise<Attachment[]> {
  const list = draft.attachments ?? [];
  const refs = list.flatMap((a) => (a.kind === 'forward' ? [a] : []));
  const got = refs.length ? await forwarded(ctx, refs) : [];
  const out: Attachment[] = [];
  for (const a of list) {
    let content: string | undefined;
    if (a.kind === 'file') {
      const row = await ctx.db.files.get(a.fileId);
      if (!row) throw EntryError.park({ code: 'file-missing', name: a.name });
      content = await blobToBase64(row.blob);
    } else {
      const m = got[refs.indexOf(a)];
      if (m && GONE.has(m.responseCode)) throw EntryError.park({ code: 'original-gone', name: a.name });
      const file = m?.responseClass === 'Error' ? undefined : m?.attachments?.[0];
      content = file?.content ?? file?.item?.mimeContent;
      if (content === undefined) throw new EntryError(failureOf(m));
    }
    out.push({
      kind: 'FileAttachment',
      name: a.name,
      contentType: a.contentType || 'application/octet-stream',
      content,
    });
  }
  return out;
}

type ForwardRef = Extract<DraftAttachment, { kind: 'forward' }>;

/**
 * GetAttachment of the forwarded files, in `refs` order. Exchange derives attachment ids from
 * the message's id, so a message moved since the forward was written (by a move replayed just
 * before) has new ones: those not found are looked up again on the message, by name and size.
 */
async function forwarded(ctx: SyncContext, refs: ForwardRef[]) {
  const got = await ctx.call(GetAttachment, {
    attachmentShape: WITH_MIME,
    attachmentIds: refs.map((a) => a.attachmentId),
  });
  const stale = refs.filter((_, i) => GONE.has(got[i]?.responseCode ?? ''));
  if (!stale.length) return got;
  const sources = [...new Set(stale.map((a) => a.sourceId))];
  const items = await ctx.call(GetItem, {
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
    itemIds: sources.map((id) => ({ id })),
  });
  const now = sources.map((_, i) => items[i]?.items?.[0]?.attachments ?? []);
  const found = stale.flatMap((a) => {
    const pool = now[sources.indexOf(a.sourceId)]!;
    const k = pool.findIndex((b) => attachmentFileName(b) === a.name && b.size === a.size);
    return k < 0 ? [] : [[a, pool.splice(k, 1)[0]!.attachmentId!] as const];
  });
  if (found.length) {
    const again = await ctx.call(GetAttachment, {
      attachmentShape: WITH_MIME,
      attachmentIds: found.map(([, id]) => id),
    });
    found.forEach(([a], j) => (got[refs.indexOf(a)] = again[j]!));
  }
  return got;
}
