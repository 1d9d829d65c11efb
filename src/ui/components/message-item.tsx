import type { MessageRow } from '../../db/index.js';
import { displayName } from '../compose/address.js';
import { formatListDate } from '../format/relative-date.js';
import type { Translator } from '../i18n/translate.js';
import { Icon } from './icon.js';

export interface MessageItemProps {
  message: MessageRow;
  index: number;
  total: number;
  selected: boolean;
  /** Sent Items and Drafts show who it went to, as Outlook does. */
  showRecipients: boolean;
  now: number;
  t: Translator;
  top?: number;
  onOpen(message: MessageRow, index: number): void;
}

/** One row of a message list: sender, subject and preview as text, with read, flag and clip state. */
export function MessageItem({
  message: m,
  index,
  total,
  selected,
  showRecipients,
  now,
  t,
  top,
  onOpen,
}: MessageItemProps) {
  const unread = m.isRead === 0;
  const who = showRecipients
    ? m.to.map(displayName).join(', ') || t.t('list.noSender')
    : displayName(m.from) || t.t('list.noSender');
  const classes = ['message', unread && 'unread', selected && 'selected', m.flag === 1 && 'flagged']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={`row-${index}`}
      role="option"
      class={classes}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-id={m.id}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
      onClick={() => onOpen(m, index)}
    >
      <div class="line1">
        <span class="sender">{who}</span>
        {m.importance === 'High' && (
          <span class="importance" title={t.t('list.highImportance')}>
            !
          </span>
        )}
        {m.hasAttachments === 1 && (
          <span class="clip" title={t.t('list.attachment')}>
            <Icon name="clip" />
          </span>
        )}
        {m.flag === 1 && (
          <span class="flag" title={t.t('list.flagged')}>
            <Icon name="flag" />
          </span>
        )}
        <time dateTime={new Date(m.receivedAt).toISOString()}>{formatListDate(m.receivedAt, now, t.locale)}</time>
      </div>
      <div class="subject">
        {unread && <span class="visually-hidden">{t.t('list.unread')}: </span>}
        {m.subject || t.t('list.noSubject')}
      </div>
      <div class="preview">{m.preview}</div>
    </div>
  );
}
