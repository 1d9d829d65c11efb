import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';
import { searchServer, type ServerFound } from '../server-search.js';
import { signInUrl } from '../session.js';

export interface ServerSearchProps {
  /** The words typed, trimmed. */
  query: string;
  /**
   * A new value each time the user presses Enter in the search field, for the query as it stands
   * (none since it last changed): search the server now, or as soon as this has loaded.
   */
  enter: object | undefined;
  /** False with no network or while the user works offline: the server is not asked. */
  mayAsk: boolean;
  /** Of the ids last found, how many this device does not hold (yet). */
  missing: number;
  /** The ids the server found for `query`, newest first. */
  onFound(query: string, ids: string[]): void;
}

type State = { query: string } & ({ kind: 'asking' } | ServerFound);

/**
 * Below the results from this device: a search of the text of every message, which only the
 * server holds, on request (the button, or Enter in the search field), and what it found or why
 * it could not.
 */
export default function ServerSearch({ query, enter, mayAsk, missing, onFound }: ServerSearchProps) {
  const t = useI18n();
  const [state, setState] = useState<State>();
  const asking = useRef<AbortController>();

  const start = () => {
    if (!mayAsk || !query) return;
    asking.current?.abort();
    const controller = (asking.current = new AbortController());
    setState({ query, kind: 'asking' });
    searchServer(query, controller.signal).then(
      (found) => {
        if (controller.signal.aborted) return;
        setState({ query, ...found });
        if (found.kind === 'found') onFound(query, found.ids);
      },
      () => {}, // Aborted: a newer search or a new query took over.
    );
  };

  useEffect(() => {
    if (enter) start();
  }, [enter]);
  // A new query ends the old one's search.
  useEffect(() => () => asking.current?.abort(), [query]);

  const shown = state?.query === query ? state : undefined;
  const again = (
    <button type="button" class="link-button" onClick={start}>
      {t.t('search.again')}
    </button>
  );
  let note;
  if (!shown)
    note = mayAsk ? (
      <button type="button" class="link-button" title={`${t.t('search.server')} (Enter)`} onClick={start}>
        {t.t('search.server')}
      </button>
    ) : (
      t.t('search.serverOffline')
    );
  else if (shown.kind === 'asking') note = t.t('search.asking');
  else if (shown.kind === 'found')
    note = (
      <>
        {shown.ids.length ? t.plural('search.serverFound', shown.ids.length) : t.t('search.serverNone')}
        {!shown.complete && ` ${t.t('search.serverMore')}`}
        {missing > 0 && ` ${t.plural('search.notHere', missing)}`}
      </>
    );
  else if (shown.kind === 'signin-needed')
    note = (
      <>
        {t.t('search.signIn')} <a href={signInUrl()}>{t.t('status.signIn')}</a>
      </>
    );
  else
    note = (
      <>
        {shown.kind === 'busy'
          ? shown.retryAfterSec
            ? t.t('search.busy', { seconds: shown.retryAfterSec })
            : t.t('search.busyShortly')
          : shown.kind === 'unreachable'
            ? t.t('search.unreachable')
            : t.t('search.failed', { message: shown.message })}{' '}
        {mayAsk && again}
      </>
    );
  return (
    <p class="pane-note server-search" role="status">
      {note}
    </p>
  );
}
