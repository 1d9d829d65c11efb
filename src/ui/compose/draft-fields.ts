import type { BodyRow, Draft, MessageRow, OutboxEntry } from '../../db/index.js';
import { formatAddressList } from './address.js';
import type { LocalDraft } from './compose-state.js';
import { draftText } from './html-to-text.js';

/**
 * The composer's fields for a message from Drafts: its recipients, subject and words, as typed
 * text with the composer's marks, and whether its HTML had formatting those marks cannot keep.
 */
export function draftFields(
  message: MessageRow,
  body: BodyRow,
): Pick<LocalDraft, 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'formattingLost'> {
  const text = body.type === 'html' ? draftText(body.content) : { text: body.content, lost: false };
  return {
    to: formatAddressList(message.to),
    cc: formatAddressList(message.cc),
    bcc: formatAddressList(message.bcc ?? []),
    subject: message.subject,
    body: text.text,
    ...(text.lost && { formattingLost: true }),
  };
}

/**
 * The last waiting save of a draft, which a later save or send replaces and so must carry on: the
 * files of a draft not yet on the server travel in it, and so does the new list of files of a
 * draft on the server that is to be made again (`remake`).
 */
export function waitingDraft(entries: readonly OutboxEntry[], draftId: string): Draft | undefined {
  const saves = entries.filter(
    (e) => e.op.kind === 'save-draft' && (e.op.draftId === draftId || e.local?.draftId === draftId),
  );
  const last = saves[saves.length - 1]?.op;
  return last?.kind === 'save-draft' ? last.draft : undefined;
}
