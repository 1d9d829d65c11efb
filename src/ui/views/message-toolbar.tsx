import { distinguishedFolder, type MessageRow } from '../../db/index.js';
import { Icon, type IconName } from '../components/icon.js';
import { db } from '../db.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

export type ReplyMode = 'reply' | 'reply-all' | 'forward';

/** What can be done to one message; the app wires these to recordAction, the composer and the picker. */
export interface MessageCommands {
  reply(message: MessageRow, mode: ReplyMode): void;
  /** Open a message from Drafts in the composer. */
  editDraft(message: MessageRow): void;
  archive(message: MessageRow): void;
  remove(message: MessageRow): void;
  /** To Junk, or out of it to the Inbox. */
  junk(message: MessageRow): void;
  move(message: MessageRow): void;
  categorize(message: MessageRow): void;
  /** Search for the mail in a category. */
  showCategory(name: string): void;
  setRead(message: MessageRow, isRead: boolean): void;
  toggleFlag(message: MessageRow): void;
}

/**
 * Toolbar buttons: each has an accessible name and a title that teaches its shortcut. `onPrint`
 * prints the message as the reader shows it (there only once its words are here); `download` is
 * the address of the message as a file (there only online: the server fetches it).
 */
export function MessageToolbar({
  message,
  commands,
  onPrint,
  download,
}: {
  message: MessageRow;
  commands: MessageCommands;
  onPrint?: (() => void) | undefined;
  download?: string | undefined;
}) {
  const t = useI18n();
  const button = (icon: IconName, label: MessageKey, key: string, run: () => void, pressed?: boolean) => (
    <button
      type="button"
      class="icon-button"
      aria-label={t.t(label)}
      aria-pressed={pressed}
      title={`${t.t(label)} (${key})`}
      onClick={run}
    >
      <Icon name={icon} />
    </button>
  );
  const junkId = useLiveQuery(async () => (await distinguishedFolder(db, 'junkemail'))?.id ?? null, []);
  const unread = message.isRead === 0;
  const flagged = message.flag === 1;
  return (
    <div class="toolbar" role="toolbar" aria-label={t.t('action.toolbar')}>
      {message.isDraft && (
        <button type="button" class="primary" onClick={() => commands.editDraft(message)}>
          {t.t('action.editDraft')}
        </button>
      )}
      {button('reply', 'action.reply', 'r', () => commands.reply(message, 'reply'))}
      {button('replyAll', 'action.replyAll', 'a', () => commands.reply(message, 'reply-all'))}
      {button('forward', 'action.forward', 'f', () => commands.reply(message, 'forward'))}
      <span class="toolbar-gap" />
      {button('archive', 'action.archive', 'e', () => commands.archive(message))}
      {button('trash', 'action.delete', 'Delete / #', () => commands.remove(message))}
      {button('move', 'action.move', 'v', () => commands.move(message))}
      {button('junk', message.folderId === junkId ? 'action.notJunk' : 'action.junk', '!', () =>
        commands.junk(message),
      )}
      {unread
        ? button('read', 'action.markRead', 'Shift+I', () => commands.setRead(message, true))
        : button('unread', 'action.markUnread', 'Shift+U', () => commands.setRead(message, false))}
      {button('flag', flagged ? 'action.unflag' : 'action.flag', 's', () => commands.toggleFlag(message), flagged)}
      {button('tag', 'action.categorize', 'l', () => commands.categorize(message))}
      {onPrint && button('print', 'action.print', 'Ctrl+P', onPrint)}
      {download && (
        <a
          class="icon-button"
          href={download}
          // The server names the file (its subject, .eml), as it does attachments.
          download=""
          aria-label={t.t('action.downloadMessage')}
          title={t.t('action.downloadMessage')}
        >
          <Icon name="download" />
        </a>
      )}
    </div>
  );
}
