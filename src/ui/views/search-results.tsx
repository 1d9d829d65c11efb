import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { words, type MessageRow } from '../../db/index.js';
import { searchMessages } from '../../db/search.js';
import { hasOperators, parseSearch, passesOperators } from '../../db/search-query.js';
import { lazy } from '../components/lazy.js';
import { MessageItem } from '../components/message-item.js';
import { db } from '../db.js';
import { folderName } from '../folder-names.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/use-i18n.js';

const ServerSearch = lazy(() => import('./server-search.js'));

// Results follow typing after a short pause, not on every keystroke.
const DEBOUNCE_MS = 200;
const LIMIT = 100;
const NONE: string[] = [];
const NO_ROWS: MessageRow[] = [];

/**
 * Search results: from the local store as you type (subject, sender and preview, offline, newest
 * first), joined on request by what the server finds in the text of every message.
 */
export function SearchResults({
  query,
  enter,
  mayAsk,
  onRows,
  selectedId,
  onOpen,
}: {
  query: string;
  /** A new value each time Enter is pressed in the search field (see ServerSearch). */
  enter: object | undefined;
  /** Whether the page may ask the server (not offline, not working offline). */
  mayAsk: boolean;
  /** The rows as shown, for the keys that move through them. */
  onRows(rows: MessageRow[]): void;
  selectedId: string | undefined;
  onOpen(message: MessageRow, index: number): void;
}) {
  const t = useI18n();
  const now = useNow(60_000);
  const [settled, setSettled] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  // Enter shows the results for what is typed at once.
  useEffect(() => {
    if (enter) setSettled(query);
  }, [enter]);
  const [server, setServer] = useState<{ query: string; ids: string[] }>();
  // The server is asked for the words alone (operators are tested here, on every summary).
  const parsed = useMemo(() => parseSearch(query), [query]);
  const serverIds = server && server.query === parseSearch(settled).text ? server.ids : NONE;
  const found = useLiveQuery(async () => {
    const local = await searchMessages(db, settled, LIMIT);
    const seen = new Set(local.map((m) => m.id));
    // What the server found that this device holds (all of it, once synced), beside the local
    // matches; the server searched the words, the operators test the rows here.
    const asked = parseSearch(settled);
    const held = (await db.messages.bulkGet(serverIds)).filter(
      (m): m is MessageRow => !!m && passesOperators(m, asked),
    );
    const rows = [...local, ...held.filter((m) => !seen.has(m.id))].sort((a, b) => b.receivedAt - a.receivedAt);
    return { query: settled, rows, missing: serverIds.length - held.length };
  }, [settled, serverIds]);
  const folders = useLiveQuery(async () => new Map((await db.folders.toArray()).map((f) => [f.id, f])), []);
  const rows = found?.rows ?? NO_ROWS;
  const q = found?.query ?? settled;
  useEffect(() => onRows(rows), [rows]);
  // The open result stays in view as j and k move through the list.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedId)
      list.current?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <section class="list-pane search-pane" aria-labelledby="search-title">
      <header class="list-header">
        <h2 id="search-title" aria-live="polite">
          {found &&
            (rows.length ? t.plural('search.results', rows.length, { query: q }) : t.t('search.none', { query: q }))}
        </h2>
      </header>
      <div ref={list} class="list-scroller static" role="listbox" tabIndex={0} aria-labelledby="search-title">
        {rows.map((m, i) => {
          const folder = folders?.get(m.folderId);
          return (
            <MessageItem
              key={m.id}
              message={m}
              index={i}
              total={rows.length}
              selected={m.id === selectedId}
              showRecipients={false}
              {...(folder ? { folderName: folderName(folder, t) } : {})}
              now={now}
              t={t}
              onOpen={onOpen}
            />
          );
        })}
      </div>
      {words(parsed.text).length ? (
        <ServerSearch
          db={db}
          query={parsed.text}
          enter={enter}
          mayAsk={mayAsk}
          missing={found?.missing ?? 0}
          onFound={(q, ids) => setServer({ query: q, ids })}
        />
      ) : (
        hasOperators(parsed) && <p class="pane-note server-search">{t.t('search.operatorsOnly')}</p>
      )}
    </section>
  );
}
