import { GetAttachment, type Attachment } from '../../ews/index.js';
import type { Draft } from '../../db/index.js';
import type { SyncContext } from '../context.js';
import { blobToBase64 } from './blob-base64.js';
import { EntryError, failureOf } from './entry-error.js';

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
  const got = refs.length ? await ctx.call(GetAttachment, { attachmentIds: refs.map((a) => a.attachmentId) }) : [];
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
      content = m?.responseClass === 'Error' ? undefined : m?.attachments?.[0]?.content;
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
