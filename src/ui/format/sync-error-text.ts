import type { SyncErrorInfo } from '../../sync/protocol.js';
import type { Translator } from '../i18n/translate.js';
import { formatClock } from './relative-date.js';

/**
 * What went wrong in the sync, in the reader's language: what happened and what to do, and when
 * Tern tries again by itself. The worker sends only the facts (SyncErrorInfo).
 */
export function syncErrorText(e: SyncErrorInfo, t: Translator): string {
  const code = e.code ?? '';
  const what = (() => {
    switch (e.kind) {
      case 'offline':
      case 'paused':
      case 'throttled':
      case 'unreachable':
        return t.t(`syncError.${e.kind}`);
      case 'auth':
        return t.t(e.code === 'expired' ? 'syncError.expired' : 'syncError.auth');
      case 'server':
        if (e.code === 'ErrorItemNotFound') return t.t('syncError.itemGone');
        return t.t('syncError.server', { code });
      case 'unreadable':
      case 'bug':
        return t.t(`syncError.${e.kind}`, { code });
      case 'storage':
        return t.t(e.code === 'closed' ? 'syncError.closed' : 'syncError.quota');
    }
  })();
  return e.retryAt ? `${what} ${t.t('syncError.again', { time: formatClock(e.retryAt, t.locale) })}` : what;
}

/** Errors the connection label does not already say: worth a line in the status bar. */
export const worthShowing = (e: SyncErrorInfo | undefined): e is SyncErrorInfo =>
  e !== undefined && e.kind !== 'offline' && e.kind !== 'paused' && e.kind !== 'auth' && e.kind !== 'throttled';
