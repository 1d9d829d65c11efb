import { discardEntry, dismissNotes, outboxEntries, outboxNotes, retryEntry } from '../../db/index.js';
import { showToast } from '../actions/toasts.js';
import { db } from '../db.js';
import { describeEntry } from '../format/describe-entry.js';
import { formatFullDate } from '../format/relative-date.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import { requestSync } from '../sync-triggers.js';

/** Everything that has not reached the server yet, its state and what went wrong, with Retry and Discard. */
export default function OutboxView() {
  const t = useI18n();
  const data = useLiveQuery(async () => {
    const [entries, notes, folders] = await Promise.all([outboxEntries(db), outboxNotes(db), db.folders.toArray()]);
    return { entries, notes, folders: new Map(folders.map((f) => [f.id, f])) };
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
                  <button type="button" onClick={() => act(() => retryEntry(db, e.seq!))}>
                    {t.t('outbox.retry')}
                  </button>
                )}
                {e.state !== 'sending' && (
                  <button
                    type="button"
                    onClick={() => {
                      if (confirm(t.t('outbox.confirmDiscard'))) void act(() => discardEntry(db, e.seq!));
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
      {data.notes.length > 0 && (
        <section class="outbox-notes" aria-labelledby="outbox-notes-title">
          <h3 id="outbox-notes-title">{t.t('outbox.notes')}</h3>
          <ul class="outbox-list">
            {data.notes.map((n) => (
              <li key={`${n.opId}:${n.at}`} class="outbox-entry">
                {n.op && <div class="entry-what">{describeEntry({ ...NOTE_ENTRY, op: n.op }, data.folders, t)}</div>}
                <div class="entry-meta">
                  {formatFullDate(n.at, t.locale)} · {n.text}
                </div>
                <div class="entry-actions">
                  <button type="button" onClick={() => act(() => dismissNotes(db, n.opId))}>
                    {t.t('outbox.dismiss')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

// describeEntry reads only an entry's operation; a note carries just that.
const NOTE_ENTRY = { opId: '', state: 'pending', attempts: 0, createdAt: 0 } as const;
