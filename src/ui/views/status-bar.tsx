import { META, pendingCount } from '../../db/index.js';
import type { ConnectionState } from '../../sync/protocol.js';
import { connectionOf } from '../connection.js';
import { db } from '../db.js';
import { agoParts, formatClock } from '../format/relative-date.js';
import { syncErrorText, worthShowing } from '../format/sync-error-text.js';
import { useStore } from '../hooks/store.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import type { Translator } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatRoute } from '../route.js';
import { send, syncStatus } from '../sync-client.js';
import { online, requestSync } from '../sync-triggers.js';

function connectionLabel(c: ConnectionState, t: Translator): string {
  switch (c.kind) {
    case 'online':
      return t.t('status.online');
    case 'offline':
      return t.t('status.offline');
    case 'unreachable':
      return t.t('status.unreachable');
    case 'signin-needed':
      return t.t('status.signinNeeded');
    case 'throttled':
      return t.t('status.throttled', { time: formatClock(c.until, t.locale) });
    case 'paused':
      return t.t('status.paused');
  }
}

function ago(ms: number, now: number, t: Translator): string {
  const a = agoParts(ms, now);
  return a.unit === 'now' ? t.t('ago.now') : t.plural(`ago.${a.unit}`, a.count);
}

/**
 * Always on screen: the connection, progress of a long sync, when mail was last synced, what is
 * waiting in the outbox, "Sync now" and "Work offline". The connection and outbox are a live region.
 */
export function StatusBar() {
  const t = useI18n();
  const now = useNow(15_000);
  const status = useStore(syncStatus);
  const isOnline = useStore(online);
  const pending = useLiveQuery(() => pendingCount(db), []) ?? 0;
  const storedLast = useLiveQuery(async () => (await db.meta.get(META.lastSynced))?.value as number | undefined, []);
  const connection = connectionOf(status, isOnline);
  const lastSynced = status?.lastSynced ?? storedLast;
  const busy = status && status.phase !== 'idle' && status.total > 0;
  const paused = connection.kind === 'paused';

  return (
    <footer class="status-bar" aria-label={t.t('status.region')}>
      <span class={`connection ${connection.kind}`} role="status" data-state={connection.kind}>
        <span class="dot" aria-hidden="true" />
        {connectionLabel(connection, t)}
      </span>
      {busy && (
        <span class="progress">
          <progress
            value={status.done}
            max={status.total}
            aria-label={t.t('status.syncing', { folder: status.folder ?? '' })}
          />
          <span class="progress-text">
            {status.folder && `${t.t('status.syncing', { folder: status.folder })} · `}
            {t.t('status.progress', { done: status.done, total: status.total })}
          </span>
        </span>
      )}
      {worthShowing(status?.lastError) && (
        <span class="sync-error" role="status" data-kind={status.lastError.kind}>
          {syncErrorText(status.lastError, t)}
        </span>
      )}
      <span class="last-synced">
        {lastSynced ? t.t('status.lastSynced', { ago: ago(lastSynced, now, t) }) : t.t('status.neverSynced')}
      </span>
      <a class="outbox-count" href={formatRoute({ view: 'outbox' })} role="status" data-count={pending}>
        {pending > 0 ? t.plural('status.outbox', pending) : t.t('status.outboxEmpty')}
      </a>
      <span class="status-actions">
        <button type="button" class="sync-now" onClick={() => requestSync('user')} disabled={!isOnline || paused}>
          {t.t('status.syncNow')}
        </button>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={paused}
            onChange={(e) => send({ type: 'set-paused', paused: (e.target as HTMLInputElement).checked })}
          />
          {t.t('status.workOffline')}
        </label>
      </span>
    </footer>
  );
}
