import { Icon, type IconName } from '../components/icon.js';
import { db } from '../db.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { ShortcutCommand } from '../keyboard.js';
import { countSelected } from './selected-messages.js';
import type { Selection } from './selection-model.js';
import { clearSelection } from './selection-store.js';

type BulkCommand = Extract<
  ShortcutCommand,
  'read' | 'unread' | 'flag' | 'archive' | 'delete' | 'junk' | 'move' | 'categorize'
>;

const BUTTONS: ReadonlyArray<readonly [BulkCommand, IconName, MessageKey, string]> = [
  ['archive', 'archive', 'action.archive', 'e'],
  ['delete', 'trash', 'action.delete', '#'],
  ['move', 'move', 'action.move', 'v'],
  ['junk', 'junk', 'action.junk', '!'],
  ['read', 'read', 'action.markRead', 'Shift+I'],
  ['unread', 'unread', 'action.markUnread', 'Shift+U'],
  ['flag', 'flag', 'action.flag', 's'],
  ['categorize', 'tag', 'action.categorize', 'l'],
];

/**
 * Shown above the list while messages are selected: how many (counted in the store, so "all" in
 * a folder of 100,000 says 100,000), and what can be done to all of them at once.
 */
export function SelectionBar({
  selection,
  inJunk,
  onCommand,
}: {
  selection: Selection;
  /** The list is Junk's: its junk button takes messages out, to the Inbox. */
  inJunk: boolean;
  onCommand(c: BulkCommand): void;
}) {
  const t = useI18n();
  const count = useLiveQuery(() => countSelected(db, selection), [selection]);
  return (
    <div class="selection-bar toolbar" role="toolbar" aria-label={t.t('select.toolbar')}>
      <span class="selection-count" role="status">
        {count !== undefined && t.plural('select.count', count)}
      </span>
      {BUTTONS.map(([command, icon, name, key]) => {
        const label = command === 'junk' && inJunk ? 'action.notJunk' : name;
        return (
          <button
            key={command}
            type="button"
            class="icon-button"
            data-command={command}
            aria-label={t.t(label)}
            title={`${t.t(label)} (${key})`}
            onClick={() => onCommand(command)}
          >
            <Icon name={icon} />
          </button>
        );
      })}
      <button
        type="button"
        class="icon-button"
        aria-label={t.t('select.clear')}
        title={`${t.t('select.clear')} (Esc)`}
        onClick={clearSelection}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
