import { showToast } from '../actions/toasts.js';
import { useI18n } from '../i18n/use-i18n.js';
import { storeLost } from '../store-loss.js';
import '../i18n/views.js';

/**
 * Says that the browser deleted the local store, once, and offers what prevents it next time:
 * persistent storage, which browsers grant to installed or much-used apps. Its own chunk: it
 * shows once in a long while.
 */
export default function StoreLostBanner() {
  const t = useI18n();
  const keep = async () => {
    const granted = (await navigator.storage.persist().catch(() => false)) === true;
    showToast(t.t(granted ? 'storeLost.kept' : 'diag.persistDenied'), { kind: granted ? 'info' : 'error' });
    if (granted) storeLost.set(false);
  };
  return (
    <div class="banner warning" role="alert">
      <span>{t.t('storeLost.text')}</span>
      {typeof navigator.storage?.persist === 'function' && (
        <button type="button" onClick={() => void keep()}>
          {t.t('diag.persist')}
        </button>
      )}
      <button type="button" onClick={() => storeLost.set(false)}>
        {t.t('storeLost.dismiss')}
      </button>
    </div>
  );
}
