import { dismissToast, holdToasts, toasts } from '../actions/toasts.js';
import { useStore } from '../hooks/store.js';
import { useI18n } from '../i18n/use-i18n.js';

/** Results of actions, announced politely; errors assertively and kept until dismissed. */
export function Toasts() {
  const t = useI18n();
  const list = useStore(toasts);
  return (
    <div
      class="toasts"
      aria-label={t.t('toast.region')}
      onPointerEnter={() => holdToasts(true)}
      onPointerLeave={() => holdToasts(document.activeElement?.closest('.toasts') != null)}
      onFocusIn={() => holdToasts(true)}
      onFocusOut={(e) => holdToasts(e.currentTarget.contains(e.relatedTarget as Node | null))}
    >
      <div role="status" aria-live="polite">
        {list
          .filter((x) => x.kind === 'info')
          .map((toast) => (
            <div key={toast.id} class="toast">
              <span>{toast.text}</span>
              {toast.undo && (
                <button
                  type="button"
                  onClick={() => {
                    dismissToast(toast.id);
                    toast.undo!();
                  }}
                >
                  {t.t('action.undo')}
                </button>
              )}
            </div>
          ))}
      </div>
      <div role="alert">
        {list
          .filter((x) => x.kind === 'error')
          .map((toast) => (
            <div key={toast.id} class="toast error">
              <span>{toast.text}</span>
              <button type="button" aria-label={t.t('action.close')} onClick={() => dismissToast(toast.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
