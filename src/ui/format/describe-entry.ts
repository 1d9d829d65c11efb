import type { FolderRow, OutboxEntry } from '../../db/index.js';
import { formatAddressList } from '../compose/address.js';
import { folderName } from '../folder-names.js';
import type { Translator } from '../i18n/translate.js';
import '../i18n/views.js';

/** One outbox entry in plain words ("Move 3 to Receipts", "Send “Lunch” to ada@tern.test"). */
export function describeEntry(entry: OutboxEntry, folders: ReadonlyMap<string, FolderRow>, t: Translator): string {
  const op = entry.op;
  const folder = (id: string) => {
    const f = folders.get(id);
    return f ? folderName(f, t) : id;
  };
  switch (op.kind) {
    case 'set-read':
      return t.t(op.isRead ? 'outbox.kind.set-read' : 'outbox.kind.set-unread', { count: op.ids.length });
    case 'set-flag':
      return t.t(op.flag ? 'outbox.kind.set-flag' : 'outbox.kind.clear-flag', { count: op.ids.length });
    case 'move':
      return t.t('outbox.kind.move', { count: op.ids.length, folder: folder(op.toFolderId) });
    case 'delete':
      return t.t('outbox.kind.delete', { count: op.ids.length });
    case 'send':
      return t.t('outbox.kind.send', {
        subject: op.draft.subject || t.t('list.noSubject'),
        to: formatAddressList([...op.draft.to, ...op.draft.cc, ...op.draft.bcc]),
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
