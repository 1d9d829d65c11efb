import { useEffect, useState } from 'preact/hooks';
import { showToast } from '../actions/toasts.js';
import {
  formOf,
  readAutoReplies,
  saveAutoReplies,
  settingsOf,
  type AutoReplies,
  type AutoRepliesForm,
} from '../automatic-replies.js';
import { Dialog } from '../components/dialog.js';
import { mayUseNetwork } from '../connection.js';
import { formatFullDate } from '../format/relative-date.js';
import { useConnection } from '../hooks/use-connection.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'ready'; form: AutoRepliesForm; allowExternal: AutoReplies['externalAudience'] };

/**
 * Exchange's automatic replies ("out of office"): kept on the mail server, so read when the dialog
 * opens and saved with its button, online only; the server answers each sender once while they
 * are on.
 */
export default function AutomaticRepliesDialog({ onClose }: { onClose(): void }) {
  const t = useI18n();
  const online = mayUseNetwork(useConnection());
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!online) return;
    let live = true;
    setState({ kind: 'loading' });
    void readAutoReplies().then((a) => {
      if (!live) return;
      setState(
        a.ok
          ? { kind: 'ready', form: formOf(a.value.settings, Date.now()), allowExternal: a.value.allowExternal }
          : { kind: 'failed', error: a.error },
      );
    });
    return () => {
      live = false;
    };
  }, [online, attempt]);

  const cancel = (
    <button type="button" onClick={onClose}>
      {t.t('action.cancel')}
    </button>
  );
  if (!online || state.kind !== 'ready')
    return (
      <Dialog title={t.t('oof.title')} onClose={onClose} class="auto-replies-dialog">
        <div class="dialog-body">
          {!online ? (
            <p role="status">{t.t('oof.offline')}</p>
          ) : state.kind === 'loading' ? (
            <p role="status">{t.t('oof.loading')}</p>
          ) : (
            <p class="form-error" role="alert">
              {t.t('oof.failed', { error: state.kind === 'failed' ? state.error : '' })}
            </p>
          )}
        </div>
        <footer class="dialog-actions">
          {online && state.kind === 'failed' && (
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              {t.t('oof.retry')}
            </button>
          )}
          {cancel}
        </footer>
      </Dialog>
    );

  const { form, allowExternal } = state;
  const change = (patch: Partial<AutoRepliesForm>) => setState({ ...state, form: { ...form, ...patch } });
  const save = async () => {
    const settings = settingsOf(form);
    if (settings === 'bad-time') return setError(t.t('oof.badTime'));
    setError(undefined);
    setSaving(true);
    const saved = await saveAutoReplies(settings);
    setSaving(false);
    if (!saved.ok) return setError(t.t('oof.saveFailed', { error: saved.error }));
    const d = settings.duration;
    showToast(
      settings.oofState === 'Disabled'
        ? t.t('oof.savedOff')
        : settings.oofState === 'Scheduled' && d
          ? t.t('oof.savedScheduled', {
              start: formatFullDate(Date.parse(d.startTime), t.locale),
              end: formatFullDate(Date.parse(d.endTime), t.locale),
            })
          : t.t('oof.savedOn'),
    );
    onClose();
  };

  return (
    <Dialog title={t.t('oof.title')} onClose={onClose} class="auto-replies-dialog">
      <form
        class="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="check-label">
          <input
            type="checkbox"
            name="oofOn"
            checked={form.on}
            onChange={(e) => change({ on: e.currentTarget.checked })}
          />
          <span>{t.t('oof.on')}</span>
        </label>
        <fieldset class="auto-replies-fields" disabled={!form.on}>
          <label class="check-label">
            <input
              type="checkbox"
              name="oofScheduled"
              checked={form.scheduled}
              onChange={(e) => change({ scheduled: e.currentTarget.checked })}
            />
            <span>{t.t('oof.scheduled')}</span>
          </label>
          {form.scheduled && (
            <div class="auto-replies-times">
              <label>
                <span>{t.t('oof.start')}</span>
                <input
                  type="datetime-local"
                  name="oofStart"
                  value={form.start}
                  onInput={(e) => change({ start: e.currentTarget.value })}
                />
              </label>
              <label>
                <span>{t.t('oof.end')}</span>
                <input
                  type="datetime-local"
                  name="oofEnd"
                  value={form.end}
                  onInput={(e) => change({ end: e.currentTarget.value })}
                />
              </label>
            </div>
          )}
          <label>
            <span>{t.t('oof.internal')}</span>
            <textarea
              name="oofInternal"
              rows={4}
              value={form.internal}
              onInput={(e) => change({ internal: e.currentTarget.value })}
            />
          </label>
          {allowExternal === 'None' ? (
            <p class="field-hint">{t.t('oof.notAllowed')}</p>
          ) : (
            <>
              <label class="check-label">
                <input
                  type="checkbox"
                  name="oofOutside"
                  checked={form.outside}
                  onChange={(e) => change({ outside: e.currentTarget.checked })}
                />
                <span>{t.t('oof.outside')}</span>
              </label>
              {form.outside && (
                <label>
                  <span>{t.t('oof.external')}</span>
                  <textarea
                    name="oofExternal"
                    rows={4}
                    value={form.external}
                    onInput={(e) => change({ external: e.currentTarget.value })}
                  />
                </label>
              )}
            </>
          )}
        </fieldset>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <footer class="dialog-actions">
          <button type="submit" class="primary" disabled={saving}>
            {t.t('oof.save')}
          </button>
          {cancel}
        </footer>
      </form>
    </Dialog>
  );
}
