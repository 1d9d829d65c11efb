import type { OutboxEntry, OutboxReason } from '../../db/index.js';
import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translate.js';
import '../i18n/views.js';

/**
 * EWS response codes that have words of their own; any other is named as the server gave it.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode
 */
const PLAIN: Record<string, MessageKey> = {
  ErrorItemNotFound: 'outboxReason.itemGone',
  ErrorFolderNotFound: 'outboxReason.folderMissing',
  ErrorToFolderNotFound: 'outboxReason.folderMissing',
  ErrorParentFolderNotFound: 'outboxReason.folderMissing',
  ErrorFolderExists: 'outboxReason.folderExists',
  ErrorAccessDenied: 'outboxReason.accessDenied',
  ErrorQuotaExceeded: 'outboxReason.mailboxFull',
  ErrorInvalidRecipients: 'outboxReason.recipients',
  ErrorMessageSizeExceeded: 'outboxReason.tooLarge',
  ErrorIrresolvableConflict: 'outboxReason.conflict',
  ErrorStaleObject: 'outboxReason.conflict',
  ErrorDeleteDistinguishedFolder: 'outboxReason.cannotDeleteFolder',
  ErrorMoveDistinguishedFolder: 'outboxReason.cannotMoveFolder',
  ErrorSendAsDenied: 'outboxReason.sendAsDenied',
};

/**
 * Why an outbox entry stopped or waits, or what a note says, in the reader's language. The worker
 * stores only the facts (OutboxReason); a sentence stored by an older version shows as it is.
 */
export function outboxReasonText(
  reason: OutboxReason | string | undefined,
  t: Translator,
  entry?: OutboxEntry,
): string {
  if (reason === undefined || typeof reason === 'string') return reason ?? '';
  const what = words(reason, t, entry);
  return reason.attempts ? t.t('outboxReason.attempts', { count: reason.attempts, reason: what }) : what;
}

function words(r: OutboxReason, t: Translator, entry?: OutboxEntry): string {
  switch (r.code) {
    case 'refused': {
      const plain = PLAIN[r.ews];
      if (plain) return t.t(plain);
      return r.detail
        ? t.t('outboxReason.refusedSaying', { code: r.ews, detail: r.detail })
        : t.t('outboxReason.refused', { code: r.ews });
    }
    case 'no-answer':
      return t.t('outboxReason.noAnswer');
    case 'unreadable':
      return t.t('outboxReason.unreadable');
    case 'connection':
      return t.t('outboxReason.connection');
    case 'bug':
      return t.t('outboxReason.bug', { detail: r.detail });
    case 'unknown-sent':
      return t.t('outboxReason.unknownSent');
    case 'send-lost':
      return t.t('outboxReason.sendLost');
    case 'waiting':
      return t.t('outboxReason.waiting');
    case 'needs-discarded':
      return t.t('outboxReason.needsDiscarded');
    case 'holds-moved':
      return t.plural('outboxReason.holdsMoved', r.count);
    case 'needs-failed':
      return t.t('outboxReason.needsFailed', { cause: outboxReasonText(r.cause, t) }).trim();
    case 'parent-gone':
      return r.folder
        ? t.t('outboxReason.parentGone', { name: r.name, folder: r.folder })
        : t.t('outboxReason.parentGoneUnnamed', { name: r.name });
    case 'target-gone':
      return r.folder
        ? t.plural('outboxReason.targetGone', r.count ?? 1, { folder: r.folder })
        : t.plural('outboxReason.targetGoneUnnamed', r.count ?? 1);
    case 'messages-gone':
      return t.plural('outboxReason.messagesGone', r.count);
    case 'folder-gone':
      return t.t('outboxReason.folderGone');
    case 'discarded-too':
      return t.plural('outboxReason.discardedToo', r.count);
    case 'kept-in-drafts':
      return t.t('outboxReason.keptInDrafts');
    case 'original-gone':
      // A draft made again (its files changed) takes the ones it keeps from the draft it replaces.
      return t.t(remade(entry) ? 'outboxReason.draftFileGone' : 'outboxReason.originalGone', { name: r.name });
    case 'file-missing':
      return t.t('outboxReason.fileMissing', { name: r.name });
  }
  // A reason a newer version of Tern stored, which this page does not know yet.
  return (r as { code: string }).code;
}

const remade = (e: OutboxEntry | undefined) =>
  (e?.op.kind === 'send' || e?.op.kind === 'save-draft') && !!e.op.draft.remake;
