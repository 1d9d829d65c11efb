import type { MessageRow } from '../../db/index.js';
import { shownName } from '../compose/address.js';
import { formatListDate } from '../format/relative-date.js';
import type { Translator } from '../i18n/translate.js';
import { Categories } from './categories.js';
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
  /** Where the message is, for lists that mix folders (search results). */
  folderName?: string;
  top?: number;
  onOpen(message: MessageRow, index: number): void;
  /** In a multi-select list: whether the row is checked (absent: the row has no checkbox). */
  checked?: boolean;
  /** Checkbox or Ctrl/Cmd+click (`range` false), Shift+click (`range` true). */
  onSelect?(message: MessageRow, index: number, range: boolean): void;
  /** Rows that can be dragged onto a folder. */
  onDragStart?(message: MessageRow, e: DragEvent): void;
}

/** One row of a message list: sender, subject and preview as text, with read, flag and clip state and categories. */
export function MessageItem({
  message: m,
  index,
  total,
  selected,
  showRecipients,
  now,
  t,
  folderName,
  top,
  onOpen,
  checked,
  onSelect,
  onDragStart,
}: MessageItemProps) {
  const unread = m.isRead === 0;
  const who = showRecipients
    ? m.to.map(shownName).join(', ') || t.t('list.noSender')
    : shownName(m.from) || t.t('list.noSender');
  const multi = checked !== undefined;
  const classes = [
    'message',
    unread && 'unread',
    selected && 'selected',
    checked && 'checked',
    m.flag === 1 && 'flagged',
  ]
    .filter(Boolean)
    .join(' ');
  const onClick = (e: MouseEvent) => {
    if (onSelect && (e.ctrlKey || e.metaKey || e.shiftKey)) onSelect(m, index, e.shiftKey);
    else onOpen(m, index);
  };
  return (
    <div
      id={`row-${index}`}
      role="option"
      class={classes}
      // In a multi-select list, selected means checked; the cursor is the active descendant.
      aria-selected={multi ? checked : selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-id={m.id}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
      draggable={onDragStart ? true : undefined}
      onDragStart={onDragStart && ((e) => onDragStart(m, e))}
      // Shift+click extends the selection; without this it would also select the rows' text.
      onMouseDown={(e) => multi && e.shiftKey && e.preventDefault()}
      onClick={onClick}
    >
      {multi && (
        <span
          class="check"
          aria-hidden="true"
          title={`${t.t('select.row')} (x)`}
          onClick={(e) => {
            e.stopPropagation();
            onSelect?.(m, index, e.shiftKey);
          }}
        />
      )}
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
      <div class="preview">
        {folderName !== undefined && <span class="folder-name">{folderName}</span>}
        <Categories names={m.categories} label={t.t('list.categories')} />
        {m.preview}
      </div>
    </div>
  );
}
