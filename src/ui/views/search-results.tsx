import { useEffect, useState } from 'preact/hooks';
import { searchMessages, type MessageRow } from '../../db/index.js';
import { MessageItem } from '../components/message-item.js';
import { db } from '../db.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/use-i18n.js';

// Results follow typing after a short pause, not on every keystroke.
const DEBOUNCE_MS = 200;
const LIMIT = 100;

/** Search results from the local store: subject, sender and preview, offline, newest first. */
export function SearchResults({
  query,
  selectedId,
  onOpen,
}: {
  query: string;
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
  const found = useLiveQuery(
    async () => ({ query: settled, rows: await searchMessages(db, settled, LIMIT) }),
    [settled],
  );
  const rows = found?.rows ?? [];
  const q = found?.query ?? settled;
  return (
    <section class="list-pane search-pane" aria-labelledby="search-title">
      <header class="list-header">
        <h2 id="search-title" aria-live="polite">
          {found &&
            (rows.length ? t.plural('search.results', rows.length, { query: q }) : t.t('search.none', { query: q }))}
        </h2>
      </header>
      <div class="list-scroller static" role="listbox" tabIndex={0} aria-labelledby="search-title">
        {rows.map((m, i) => (
          <MessageItem
            key={m.id}
            message={m}
            index={i}
            total={rows.length}
            selected={m.id === selectedId}
            showRecipients={false}
            now={now}
            t={t}
            onOpen={onOpen}
          />
        ))}
      </div>
    </section>
  );
}
