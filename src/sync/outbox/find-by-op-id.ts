import { FindItem, type ItemId } from '../../ews/index.js';
import type { SyncContext } from '../context.js';
import { TERN_OPERATION_ID } from './draft-item.js';
import { EntryError } from './entry-error.js';

const FOLDERS = ['drafts', 'outbox', 'sentitems'] as const;

/**
 * Where an earlier attempt of an intent left its message, if anywhere: Drafts, the Outbox
 * (Exchange holds a message there until transport takes it) and Sent Items, each searched for
 * our opId property. One FindItem per folder: servers differ on whether several parent folders
 * give one answer per folder (Exchange) or one for all (the embedded mailbox), and this must be
 * unambiguous.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-find-extended-properties-by-using-ews
 */
export async function findByOpId(ctx: SyncContext, opId: string): Promise<{ sent: boolean; draft?: ItemId }> {
  const [drafts, outbox, sent] = await Promise.all(
    FOLDERS.map(
      async (distinguished) =>
        (
          await ctx.call(FindItem, {
            traversal: 'Shallow',
            itemShape: { baseShape: 'IdOnly' },
            view: { kind: 'Indexed', maxEntriesReturned: 1, offset: 0, basePoint: 'Beginning' },
            restriction: { op: 'IsEqualTo', path: { extended: TERN_OPERATION_ID }, value: opId },
            parentFolderIds: [{ distinguished }],
          })
        )[0],
    ),
  );
  if (sent?.rootFolder?.items.length || outbox?.rootFolder?.items.length) return { sent: true };
  // Without an answer for Drafts and Sent Items, "nowhere" would be a guess: try again later.
  // (A server without an Outbox folder only loses that one look.)
  for (const m of [drafts, sent])
    if (!m || m.responseClass === 'Error') throw EntryError.retry({ code: 'unknown-sent' });
  const draft = drafts?.rootFolder?.items[0]?.itemId;
  return draft ? { sent: false, draft } : { sent: false };
}
