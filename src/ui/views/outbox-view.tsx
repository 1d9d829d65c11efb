import { outboxEntries, type FolderRow, type OutboxEntry } from '../../db/index.js';
import { showToast } from '../actions/toasts.js';
import { formatAddressList } from '../compose/address.js';
import { db } from '../db.js';
import { discardEntry, retryEntry } from '../data/outbox-admin.js';
import { folderName } from '../folder-names.js';
import { formatFullDate } from '../format/relative-date.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import type { Translator } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { requestSync } from '../sync-triggers.js';

/** One outbox entry in plain words ("Move 3 to Receipts", "Send “Lunch” to ada@tern.test"). */
export function describeEntry(entry: OutboxEntry, folders: ReadonlyMap<string, FolderRow>, t: Translator): string {
  const op = entry.op;
  const folder = (id: string) => {
    const f = folders.get(id);
    return f ? folderName(f, t) : id;
  };
  switch (op.kind) {
    case 'set-read':
      return t.t(op.isRead ? 'outbox.kind.set-read' : 'outbox.kind.set-unread', { count: op.ids.length });
    case 'set-flag':
      return t.t(op.flag ? 'outbox.kind.set-flag' : 'outbox.kind.clear-flag', { count: op.ids.length });
    case 'move':
      return t.t('outbox.kind.move', { count: op.ids.length, folder: folder(op.toFolderId) });
    case 'delete':
      return t.t('outbox.kind.delete', { count: op.ids.length });
    case 'send':
      return t.t('outbox.kind.send', {
        subject: op.draft.subject || t.t('list.noSubject'),
        to: formatAddressList([...op.draft.to, ...op.draft.cc, ...op.draft.bcc]),
      });
    case 'save-draft':
      return t.t('outbox.kind.save-draft', { subject: op.draft.subject || t.t('list.noSubject') });
    case 'create-folder':
      return t.t('outbox.kind.create-folder', { name: op.name });
    case 'rename-folder':
      return t.t('outbox.kind.rename-folder', { name: op.name });
    case 'delete-folder':
      return t.t('outbox.kind.delete-folder', { name: folder(op.id) });
  }
}

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
