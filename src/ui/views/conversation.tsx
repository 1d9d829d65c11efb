import { useEffect, useState } from 'preact/hooks';
// Not through the store's index, which the first load imports: the bundler would then split the
// first load's modules into shared chunks so that this query could stay out of it.
import { conversationOf, keyOf, type ConversationPart } from '../../db/conversation.js';
import type { MessageRow } from '../../db/index.js';
import { shownName } from '../compose/address.js';
import { db } from '../db.js';
import { folderName } from '../folder-names.js';
import { formatListDate } from '../format/relative-date.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useNow } from '../hooks/use-now.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { Translator } from '../i18n/translate.js';
import { conversationStep, focusReaderOnOpen } from '../selection.js';
import { formatRoute, navigate } from '../route.js';
import { foldThread } from './thread-fold.js';

interface PartProps {
  part: ConversationPart;
  open: boolean;
  /** Where it is filed, when not where the open message is. */
  folder: string | undefined;
  now: number;
  t: Translator;
}

function Part({ part, open, folder, now, t }: PartProps) {
  if (part.kind === 'waiting')
    return (
      <li class="thread-part waiting">
        <a class="thread-row" href={formatRoute({ view: 'outbox' })}>
          <span class="thread-who">{t.t('thread.you')}</span>
          <span class="thread-text">{part.text}</span>
          <span class="thread-where">{t.t('thread.waiting')}</span>
        </a>
      </li>
    );
  const m = part.message;
  const unread = m.isRead === 0;
  const content = (
    <>
      <span class="thread-who">
        {unread && <span class="visually-hidden">{t.t('list.unread')}: </span>}
        {m.isDraft ? t.t('thread.draft') : shownName(m.from) || t.t('list.noSender')}
      </span>
      <span class="thread-text">{m.preview}</span>
      {folder !== undefined && <span class="thread-where">{folder}</span>}
      <time dateTime={new Date(m.receivedAt).toISOString()}>{formatListDate(m.receivedAt, now, t.locale)}</time>
    </>
  );
  const classes = ['thread-part', unread && 'unread', m.isDraft && 'draft'].filter(Boolean).join(' ');
  return (
    <li class={classes} aria-current={open ? 'true' : undefined}>
      {open ? (
        <span class="thread-row">{content}</span>
      ) : (
        <a
          class="thread-row"
          href={formatRoute({ view: 'mail', folderId: m.folderId, messageId: m.id })}
          // Opened from here, the reader takes the focus as it does from the list; a new tab does not.
          onClick={(e) => (focusReaderOnOpen.pending = !(e.ctrlKey || e.metaKey || e.shiftKey))}
        >
          {content}
        </a>
      )}
    </li>
  );
}

/**
 * The open message's conversation, wherever its messages are filed (the replies in Sent Items,
 * a draft, one filed away) and with the replies written here that wait to be sent: each opens
 * with a click. Shown when there is more than the open message; a long one is folded.
 */
export function Conversation({ message }: { message: MessageRow }) {
  const t = useI18n();
  const now = useNow(60_000);
  const found = useLiveQuery(
    async () => ({ id: message.id, parts: await conversationOf(db, message) }),
    [message.id, message.conversationId, message.folderId],
  );
  const folders = useLiveQuery(() => db.folders.toArray(), []);
  const [expanded, setExpanded] = useState(false);
  useEffect(() => setExpanded(false), [message.conversationId]);

  const parts = found?.id === message.id ? found.parts : [];
  const open = parts.findIndex((p) => p.kind === 'message' && p.message.id === message.id);

  // n and p (Gmail's keys) open the next message of the conversation, newer or older, folded or not.
  useEffect(() => {
    const to = (step: 1 | -1) => {
      for (let i = open + step; i >= 0 && i < parts.length; i += step) {
        const part = parts[i]!;
        if (part.kind !== 'message') continue;
        focusReaderOnOpen.pending = true;
        return navigate({ view: 'mail', folderId: part.message.folderId, messageId: part.message.id });
      }
    };
    conversationStep.to = open >= 0 ? to : undefined;
    return () => {
      if (conversationStep.to === to) conversationStep.to = undefined;
    };
  }, [parts, open]);

  if (parts.length < 2) return null;
  const names = new Map((folders ?? []).map((f) => [f.id, folderName(f, t)]));
  return (
    <section class="thread" aria-labelledby="thread-title">
      <h3 id="thread-title">{t.plural('thread.title', parts.length)}</h3>
      <ol>
        {foldThread(parts.length, open, expanded).map((slot) => {
          if ('from' in slot)
            return (
              <li key={`fold-${slot.from}`} class="thread-fold">
                <button type="button" class="link-button" onClick={() => setExpanded(true)}>
                  {t.plural('thread.more', slot.count)}
                </button>
              </li>
            );
          const part = parts[slot.index]!;
          const folderId = part.kind === 'message' ? part.message.folderId : undefined;
          return (
            <Part
              key={keyOf(part)}
              part={part}
              open={slot.index === open}
              folder={folderId !== undefined && folderId !== message.folderId ? names.get(folderId) : undefined}
              now={now}
              t={t}
            />
          );
        })}
      </ol>
    </section>
  );
}
