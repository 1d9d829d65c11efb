import { outboxEntries, type FolderRow, type OutboxEntry } from '../../db/index.js';
import { discardEntry, retryEntry } from '../../db/outbox-admin.js';
import { dismissNotes, outboxNotes } from '../../db/outbox-notes.js';
import type { ConnectionState } from '../../sync/protocol.js';
import { showToast } from '../actions/toasts.js';
import { db } from '../db.js';
import { describeEntry } from '../format/describe-entry.js';
import { outboxReasonText } from '../format/outbox-reason-text.js';
import { formatFullDate } from '../format/relative-date.js';
import { useConnection } from '../hooks/use-connection.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import type { Translator } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { requestSync } from '../sync-triggers.js';
import { stateWords, word } from './outbox-words.js';
import '../i18n/views.js';

/**
 * Everything that has not reached the server yet: what stopped and why first (with Retry and
 * Discard), then what waits or is being sent, then what happened recently that needs no action
 * (a change dropped because its message was deleted on the server first).
 */
export default function OutboxView() {
  const t = useI18n();
  const connection = useConnection();
  const data = useLiveQuery(async () => {
    const [entries, folders, notes] = await Promise.all([outboxEntries(db), db.folders.toArray(), outboxNotes(db)]);
    return { entries, notes, folders: new Map(folders.map((f) => [f.id, f])), subjects: await subjectsOf(entries) };
  }, []);
  if (!data) return <section class="outbox-view" aria-busy="true" />;

  // A write that fails (a closed database, a full disk) says so; nothing claims success.
  const act = async (run: () => Promise<void>) => {
    try {
      await run();
      requestSync('outbox');
    } catch (err) {
      showToast(t.t('toast.failed', { error: err instanceof Error ? err.message : String(err) }), { kind: 'error' });
    }
  };
  const parked = data.entries.filter((e) => e.state === 'parked');
  const waiting = data.entries.filter((e) => e.state !== 'parked');
  const row = (e: OutboxEntry) => (
    <EntryRow
      key={e.opId}
      entry={e}
      folders={data.folders}
      subjects={data.subjects}
      connection={connection}
      t={t}
      act={act}
    />
  );

  return (
    <section class="outbox-view" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t.t('outbox.title')}</h2>
      {data.entries.length === 0 ? (
        <p class="pane-note">{t.t('outbox.empty')}</p>
      ) : (
        <p class="entry-meta outbox-summary" role="status">
          {[
            waiting.length ? word(t, 'summaryWaiting', { count: waiting.length }) : '',
            parked.length ? word(t, 'summaryParked', { count: parked.length }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {parked.length > 0 && (
        <section class="outbox-parked" aria-labelledby="outbox-parked-title">
          <h3 id="outbox-parked-title">{word(t, 'attention')}</h3>
          {parked.length > 1 && (
            <p class="entry-actions">
              <button
                type="button"
                onClick={() =>
                  act(async () => {
                    // One by one, oldest first: each goes back in line behind the one before.
                    for (const e of parked) await retryEntry(db, e.seq!);
                  })
                }
              >
                {word(t, 'retryAll')}
              </button>
            </p>
          )}
          <ol class="outbox-list">{parked.map(row)}</ol>
        </section>
      )}
      {waiting.length > 0 && <ol class="outbox-list outbox-waiting">{waiting.map(row)}</ol>}
      {data.notes.length > 0 && (
        <section class="outbox-notes" aria-labelledby="outbox-notes-title">
          <h3 id="outbox-notes-title">{t.t('outbox.notes')}</h3>
          <ul class="outbox-list">
            {data.notes.map((n) => (
              <li key={`${n.opId}-${n.at}`} class="outbox-entry outbox-note">
                {n.op && (
                  <div class="entry-what">
                    {describeEntry({ ...NOTE_ENTRY, op: n.op }, data.folders, t, data.subjects)}
                  </div>
                )}
                <div>{outboxReasonText(n.what, t)}</div>
                <div class="entry-meta">{formatFullDate(n.at, t.locale)}</div>
                <div class="entry-actions">
                  <button type="button" onClick={() => act(() => dismissNotes(db, n.opId))}>
                    {t.t('outbox.dismiss')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {data.notes.length > 1 && (
            <p class="entry-actions">
              <button type="button" onClick={() => act(() => dismissNotes(db))}>
                {word(t, 'dismissAll')}
              </button>
            </p>
          )}
        </section>
      )}
    </section>
  );
}

interface EntryRowProps {
  entry: OutboxEntry;
  folders: ReadonlyMap<string, FolderRow>;
  subjects: ReadonlyMap<string, string>;
  connection: ConnectionState;
  t: Translator;
  act(run: () => Promise<void>): Promise<void>;
}

function EntryRow({ entry: e, folders, subjects, connection, t, act }: EntryRowProps) {
  const discard = () => {
    const question = e.op.kind === 'send' ? word(t, 'confirmDiscardSend') : t.t('outbox.confirmDiscard');
    if (confirm(question)) void act(() => discardEntry(db, e.seq!));
  };
  return (
    <li class={`outbox-entry ${e.state}`} data-state={e.state} data-kind={e.op.kind}>
      <div class="entry-what">{describeEntry(e, folders, t, subjects)}</div>
      <div class="entry-meta">
        <span class="entry-state">{stateWords(e, connection, t)}</span>
        {e.attempts > 0 && <span> · {t.plural('outbox.attempts', e.attempts)}</span>}
        <span> · {t.t('outbox.queuedAt', { time: formatFullDate(e.createdAt, t.locale) })}</span>
      </div>
      {e.error && (
        <div class={e.state === 'pending' ? 'entry-meta entry-reason' : 'entry-error'}>
          {outboxReasonText(e.error, t, e)}
        </div>
      )}
      <div class="entry-actions">
        {(e.state === 'failed' || e.state === 'parked') && (
          <button type="button" onClick={() => act(() => retryEntry(db, e.seq!))}>
            {t.t('outbox.retry')}
          </button>
        )}
        {e.state !== 'sending' && (
          <button type="button" onClick={discard}>
            {t.t('outbox.discard')}
          </button>
        )}
      </div>
    </li>
  );
}

/** The subjects of the messages that entries naming one message touch, so the list can say which. */
async function subjectsOf(entries: readonly OutboxEntry[]): Promise<Map<string, string>> {
  const ids = entries.flatMap((e) => ('ids' in e.op && e.op.ids.length === 1 ? e.op.ids : []));
  const rows = await db.messages.bulkGet(ids);
  return new Map(rows.flatMap((m) => (m ? [[m.id, m.subject] as const] : [])));
}

// describeEntry reads only an entry's operation; a note carries just that.
const NOTE_ENTRY = { opId: '', state: 'pending', attempts: 0, createdAt: 0 } as const;
