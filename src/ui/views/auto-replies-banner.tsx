import { useEffect, useState } from 'preact/hooks';
import { showToast } from '../actions/toasts.js';
import { readAutoReplies, saveAutoReplies, worthSaying, type AutoReplies } from '../automatic-replies.js';
import { mayUseNetwork } from '../connection.js';
import { formatFullDate } from '../format/relative-date.js';
import { useConnection } from '../hooks/use-connection.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

/**
 * "Automatic replies are on", for as long as they are: people forget them after a holiday, and
 * every sender meanwhile is told they are away. Asked of the server when the app opens online and
 * each time `check` changes (the dialog closed); one click turns them off.
 */
export default function AutoRepliesBanner({ check, onChange }: { check: number; onChange(): void }) {
  const t = useI18n();
  const online = mayUseNetwork(useConnection());
  const [shown, setShown] = useState<AutoReplies | undefined>(undefined);

  useEffect(() => {
    if (!online) return;
    let live = true;
    void readAutoReplies().then((a) => {
      if (live) setShown(a.ok && worthSaying(a.value.settings, Date.now()) ? a.value.settings : undefined);
    });
    return () => {
      live = false;
    };
  }, [online, check]);

  if (!shown) return null;
  const turnOff = async () => {
    // The same replies and times, off: ticking them on again in the dialog finds them as they were.
    const saved = await saveAutoReplies({ ...shown, oofState: 'Disabled' });
    if (!saved.ok) return showToast(t.t('oof.saveFailed', { error: saved.error }), { kind: 'error' });
    setShown(undefined);
    showToast(t.t('oof.savedOff'));
  };
  const d = shown.oofState === 'Scheduled' ? shown.duration : undefined;
  return (
    <div class="banner auto-replies-banner" role="status">
      {d
        ? t.t('oof.savedScheduled', {
            start: formatFullDate(Date.parse(d.startTime), t.locale),
            end: formatFullDate(Date.parse(d.endTime), t.locale),
          })
        : t.t('oof.savedOn')}{' '}
      <button type="button" onClick={() => void turnOff()}>
        {t.t('oof.turnOff')}
      </button>
      <button type="button" onClick={onChange}>
        {t.t('oof.change')}
      </button>
    </div>
  );
}
