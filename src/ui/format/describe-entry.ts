import type { FolderRow, OutboxEntry } from '../../db/index.js';
import { shownAddresses } from '../compose/address.js';
import { folderName } from '../folder-names.js';
import type { Translator } from '../i18n/translate.js';
import '../i18n/views.js';

/**
 * One outbox entry in plain words ("Move 3 messages to Receipts", "Delete “Lunch”", "Send “Lunch”
 * to ada@tern.test"). A change to one message names it by its subject when `subjects` (message id →
 * subject, from the local rows) knows it; a message deleted for good here is counted instead.
 */
export function describeEntry(
  entry: OutboxEntry,
  folders: ReadonlyMap<string, FolderRow>,
  t: Translator,
  subjects: ReadonlyMap<string, string> = new Map(),
): string {
  const op = entry.op;
  const folder = (id: string) => {
    const f = folders.get(id);
    return f ? folderName(f, t) : id;
  };
  const what = (ids: readonly string[]) => {
    const subject = ids.length === 1 ? subjects.get(ids[0]!) : undefined;
    if (subject === undefined) return t.plural('outbox.messages', ids.length);
    return t.t('outbox.quoted', { subject: subject || t.t('list.noSubject') });
  };
  switch (op.kind) {
    case 'set-read':
      return t.t(op.isRead ? 'outbox.kind.set-read' : 'outbox.kind.set-unread', { what: what(op.ids) });
    case 'set-flag':
      return t.t(op.flag ? 'outbox.kind.set-flag' : 'outbox.kind.clear-flag', { what: what(op.ids) });
    case 'categorize':
      return t.t(op.on ? 'outbox.kind.categorize' : 'outbox.kind.uncategorize', {
        what: what(op.ids),
        category: op.category,
      });
    case 'move':
      return t.t('outbox.kind.move', { what: what(op.ids), folder: folder(op.toFolderId) });
    case 'delete':
      return t.t('outbox.kind.delete', { what: what(op.ids) });
    case 'send':
      return t.t('outbox.kind.send', {
        subject: op.draft.subject || t.t('list.noSubject'),
        to: shownAddresses([...op.draft.to, ...op.draft.cc, ...op.draft.bcc]),
      });
    case 'save-draft':
      return t.t('outbox.kind.save-draft', { subject: op.draft.subject || t.t('list.noSubject') });
    case 'create-folder':
      return t.t('outbox.kind.create-folder', { name: op.name });
    case 'rename-folder':
      return t.t('outbox.kind.rename-folder', { name: op.name });
    case 'delete-folder':
      return t.t('outbox.kind.delete-folder', { name: folder(op.id) });
  }
}
