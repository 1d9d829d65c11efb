import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog.js';
import { NO_SIGNATURE, readSignature, saveSignature, SIGNATURE_MAX, type Signature } from '../compose/signature.js';
import { db } from '../db.js';
import { readNewMailAlerts, saveNewMailAlerts, startNewMailAlerts } from '../../db/new-mail-alerts.js';
import { useStore } from '../hooks/store.js';
import { LANGUAGES } from '../i18n/translate.js';
import { useI18n } from '../i18n/use-i18n.js';
import { saveSettings, settings, UNDO_SEND_CHOICES, type Settings } from '../settings.js';
import '../i18n/views.js';

const LANGUAGE_NAMES = { en: 'English', fr: 'Français' } as const;

/** The signature, kept as it is typed: the dialog has no Cancel, as every other setting here. */
function SignatureFields() {
  const t = useI18n();
  const [signature, setSignature] = useState<Signature | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    readSignature(db).then(setSignature, () => setSignature(NO_SIGNATURE));
  }, []);
  if (!signature) return null;
  const change = (next: Signature) => {
    setSignature(next);
    saveSignature(db, next).then(
      () => setError(undefined),
      (err: unknown) =>
        setError(t.t('menu.signatureFailed', { error: err instanceof Error ? err.message : String(err) })),
    );
  };
  return (
    <>
      <label>
        <span>{t.t('menu.signature')}</span>
        <textarea
          name="signature"
          rows={4}
          maxLength={SIGNATURE_MAX}
          value={signature.text}
          onInput={(e) => change({ ...signature, text: e.currentTarget.value })}
        />
      </label>
      <label class="check-label">
        <input
          type="checkbox"
          name="signatureReplies"
          checked={signature.onReplies}
          onChange={(e) => change({ ...signature, onReplies: e.currentTarget.checked })}
        />
        <span>{t.t('menu.signatureReplies')}</span>
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * New-mail notifications, which a window in the background shows after a pass (src/ui/new-mail.ts).
 * Ticking the box asks the browser's permission, in answer to the click as browsers require.
 */
function NewMailFields() {
  const t = useI18n();
  const [on, setOn] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    readNewMailAlerts(db).then(
      (a) => setOn(!!a),
      () => setOn(false),
    );
  }, []);
  if (on === undefined) return null;

  const change = async (want: boolean) => {
    setError(undefined);
    if (want) {
      if (typeof Notification === 'undefined') return setError(t.t('menu.newMailUnsupported'));
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      if (permission !== 'granted') return setError(t.t('menu.newMailBlocked'));
    }
    try {
      if (want) await startNewMailAlerts(db, Date.now());
      else await saveNewMailAlerts(db, undefined);
      setOn(want);
    } catch (err) {
      setError(t.t('menu.newMailFailed', { error: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <>
      <label class="check-label">
        <input
          type="checkbox"
          name="newMailAlerts"
          checked={on}
          aria-describedby="new-mail-hint"
          onChange={(e) => {
            // The box shows what is stored, not the click, until the permission and the store agree.
            const want = e.currentTarget.checked;
            e.currentTarget.checked = on;
            void change(want);
          }}
        />
        <span>{t.t('menu.newMail')}</span>
      </label>
      <p id="new-mail-hint" class="field-hint">
        {t.t('menu.newMailHint')}
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Language, how often to check for mail, when opening marks a message read, Undo send, new-mail notifications, the signature. */
export default function SettingsDialog({ onClose }: { onClose(): void }) {
  const t = useI18n();
  const s = useStore(settings);
  return (
    <Dialog title={t.t('menu.settings')} onClose={onClose} class="settings-dialog">
      <form
        class="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          onClose();
        }}
      >
        <label>
          <span>{t.t('menu.language')}</span>
          <select
            name="language"
            value={s.language}
            onChange={(e) => saveSettings({ language: (e.target as HTMLSelectElement).value as Settings['language'] })}
          >
            <option value="auto">{t.t('menu.languageAuto')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t.t('menu.pollSeconds')}</span>
          <input
            type="number"
            name="pollSeconds"
            min={2}
            max={3600}
            value={s.pollSeconds}
            onChange={(e) => saveSettings({ pollSeconds: Number((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label>
          <span>{t.t('menu.markRead')}</span>
          <input
            type="number"
            name="markRead"
            min={0}
            max={60}
            step={0.5}
            value={s.markReadAfterMs === null ? '' : s.markReadAfterMs / 1000}
            onChange={(e) => {
              const raw = (e.target as HTMLInputElement).value.trim();
              saveSettings({ markReadAfterMs: raw === '' ? null : Number(raw) * 1000 });
            }}
          />
        </label>
        <label>
          <span>{t.t('menu.undoSend')}</span>
          <select
            name="undoSend"
            value={s.undoSendSeconds}
            onChange={(e) =>
              saveSettings({
                undoSendSeconds: Number((e.target as HTMLSelectElement).value) as Settings['undoSendSeconds'],
              })
            }
          >
            {UNDO_SEND_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n ? t.t('menu.undoSendSeconds', { count: n }) : t.t('menu.undoSendOff')}
              </option>
            ))}
          </select>
        </label>
        <NewMailFields />
        <SignatureFields />
        <footer class="dialog-actions">
          <button type="submit" class="primary">
            {t.t('action.ok')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
