import { useEffect, useRef, useState } from 'preact/hooks';
import { searchBodies } from '../../db/body-search.js';
import type { MailDB } from '../../db/index.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';
import { searchServer, type ServerFound } from '../server-search.js';
import { signInUrl } from '../session.js';

export interface ServerSearchProps {
  /** This device's store, searched when the server cannot be asked. */
  db: MailDB;
  /** The words typed, trimmed. */
  query: string;
  /**
   * A new value each time the user presses Enter in the search field, for the query as it stands
   * (none since it last changed): search the text now, or as soon as this has loaded.
   */
  enter: object | undefined;
  /** False with no network or while the user works offline: the server is not asked. */
  mayAsk: boolean;
  /** Of the ids last found, how many this device does not hold (yet). */
  missing: number;
  /** The ids of messages whose text has the words of `query`, newest first. */
  onFound(query: string, ids: string[]): void;
}

/** What this device's stored bodies gave, when the server could not be asked. */
type Local = { kind: 'local'; ids: string[]; unreachable: boolean };
type State = { query: string } & ({ kind: 'asking' } | ServerFound | Local);

/**
 * Below the results from this device's index: a search of the text of every message, which only
 * the server holds, on request (the button, or Enter in the search field). Offline, or with the
 * server out of reach, the bodies stored here are searched instead, and the note says so.
 */
export default function ServerSearch({ db, query, enter, mayAsk, missing, onFound }: ServerSearchProps) {
  const t = useI18n();
  const [state, setState] = useState<State>();
  const asking = useRef<AbortController>();

  const start = () => {
    if (!query) return;
    asking.current?.abort();
    const controller = (asking.current = new AbortController());
    const show = (found: ServerFound | Local) => {
      if (controller.signal.aborted) return;
      setState({ query, ...found });
      if (found.kind === 'found' || found.kind === 'local') onFound(query, found.ids);
    };
    const local = async (unreachable: boolean) =>
      show({ kind: 'local', ids: (await searchBodies(db, query)).ids, unreachable });
    setState({ query, kind: 'asking' });
    if (!mayAsk) return void local(false);
    searchServer(query, controller.signal).then(
      (found) => (found.kind === 'unreachable' ? local(true) : show(found)),
      () => {}, // Aborted: a newer search or a new query took over.
    );
  };

  useEffect(() => {
    if (enter) start();
  }, [enter]);
  // A new query ends the old one's search.
  useEffect(() => () => asking.current?.abort(), [query]);

  const shown = state?.query === query ? state : undefined;
  const again = mayAsk && (
    <button type="button" class="link-button" onClick={start}>
      {t.t('search.again')}
    </button>
  );
  let note;
  if (!shown) {
    const label = t.t(mayAsk ? 'search.server' : 'search.local');
    note = (
      <button type="button" class="link-button" title={`${label} (Enter)`} onClick={start}>
        {label}
      </button>
    );
  } else if (shown.kind === 'asking') note = t.t(mayAsk ? 'search.asking' : 'search.local');
  else if (shown.kind === 'found')
    note = (
      <>
        {shown.ids.length ? t.plural('search.serverFound', shown.ids.length) : t.t('search.serverNone')}
        {!shown.complete && ` ${t.t('search.serverMore')}`}
        {missing > 0 && ` ${t.plural('search.notHere', missing)}`}
      </>
    );
  else if (shown.kind === 'local')
    note = (
      <>
        {shown.unreachable && `${t.t('search.unreachable')} `}
        {shown.ids.length ? t.plural('search.localFound', shown.ids.length) : t.t('search.localNone')}{' '}
        {t.t('search.localRest')} {shown.unreachable && again}
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
          : shown.kind === 'failed'
            ? t.t('search.failed', { message: shown.message })
            : t.t('search.unreachable')}{' '}
        {again}
      </>
    );
  return (
    <p class="pane-note server-search" role="status">
      {note}
    </p>
  );
}
