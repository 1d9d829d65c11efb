import { Dialog } from '../components/dialog.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/use-i18n.js';
import '../i18n/views.js';

/** Gmail's keys, listed for `?`. The same table drives nothing else: keys are handled in app.tsx. */
export const SHORTCUTS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['o / Enter', 'shortcuts.open'],
  ['u', 'shortcuts.back'],
  ['n / p', 'shortcuts.conversation'],
  ['Shift+I', 'shortcuts.read'],
  ['Shift+U', 'shortcuts.unread'],
  ['s', 'shortcuts.flag'],
  ['e', 'shortcuts.archive'],
  ['# / Delete', 'shortcuts.delete'],
  ['v', 'shortcuts.move'],
  ['l', 'shortcuts.categorize'],
  ['!', 'shortcuts.junk'],
  ['x', 'shortcuts.select'],
  ['*a / Ctrl+A', 'shortcuts.selectAll'],
  ['*n', 'shortcuts.selectNone'],
  ['r', 'shortcuts.reply'],
  ['a', 'shortcuts.replyAll'],
  ['f', 'shortcuts.forward'],
  ['c', 'shortcuts.compose'],
  ['/', 'shortcuts.search'],
  ['Enter', 'shortcuts.searchServer'],
  ['from:ada category:Travel is:unread is:read is:flagged has:attachment', 'shortcuts.operators'],
  ['?', 'shortcuts.help'],
  ['Ctrl+P', 'shortcuts.print'],
  ['Shift+F10', 'shortcuts.folderMenu'],
  ['Ctrl+Enter', 'shortcuts.send'],
  ['Ctrl+S', 'shortcuts.saveDraft'],
  ['Ctrl+B / I / K', 'shortcuts.marks'],
  ['Ctrl+Shift+8', 'shortcuts.list'],
  ['Esc', 'shortcuts.escape'],
];

export default function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const t = useI18n();
  return (
    <Dialog title={t.t('shortcuts.title')} onClose={onClose} class="shortcuts-help">
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t.t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer class="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t.t('action.close')}
        </button>
      </footer>
    </Dialog>
  );
}
