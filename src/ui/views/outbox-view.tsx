import { outboxEntries } from '../../db/index.js';
import { showToast } from '../actions/toasts.js';
import { db } from '../db.js';
import { discardEntry, retryEntry } from '../data/outbox-admin.js';
import { describeEntry } from '../data/describe-entry.js';
import { formatFullDate } from '../format/relative-date.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import { requestSync } from '../sync-triggers.js';

/** Everything that has not reached the server yet, its state and what went wrong, with Retry and Discard. */
export function OutboxView() {
  const t = useI18n();
  const data = useLiveQuery(async () => {
    const [entries, folders] = await Promise.all([outboxEntries(db), db.folders.toArray()]);
    return { entries, folders: new Map(folders.map((f) => [f.id, f])) };
  }, []);
  if (!data) return <section class="outbox-view" aria-busy="true" />;

  const act = async (run: () => Promise<void>) => {
    try {
      await run();
      requestSync('outbox');
    } catch (err) {
      showToast(t.t('toast.failed', { error: String(err) }), { kind: 'error' });
    }
  };

  return (
    <section class="outbox-view" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t.t('outbox.title')}</h2>
      {data.entries.length === 0 ? (
        <p class="pane-note">{t.t('outbox.empty')}</p>
      ) : (
        <ol class="outbox-list">
          {data.entries.map((e) => (
            <li key={e.opId} class={`outbox-entry ${e.state}`} data-state={e.state}>
              <div class="entry-what">{describeEntry(e, data.folders, t)}</div>
              <div class="entry-meta">
                <span class="entry-state">{t.t(`outbox.state.${e.state}`)}</span>
                {e.attempts > 0 && <span> · {t.plural('outbox.attempts', e.attempts)}</span>}
                <span> · {t.t('outbox.queuedAt', { time: formatFullDate(e.createdAt, t.locale) })}</span>
              </div>
              {e.error && <div class="entry-error">{e.error}</div>}
              <div class="entry-actions">
                {(e.state === 'failed' || e.state === 'parked') && (
                  <button type="button" onClick={() => act(() => retryEntry(e.seq!))}>
                    {t.t('outbox.retry')}
                  </button>
                )}
                {e.state !== 'sending' && (
                  <button
                    type="button"
                    onClick={() => {
                      if (confirm(t.t('outbox.confirmDiscard'))) void act(() => discardEntry(e.seq!));
                    }}
                  >
                    {t.t('outbox.discard')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
