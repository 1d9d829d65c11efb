import type { Db } from '../store/database.js';
import { insertFolder } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';

/**
 * The well-known folders every mailbox has. DavMail's login needs inbox, calendar, contacts,
 * sentitems, drafts, deleteditems, junkemail and outbox to resolve; Thunderbird maps `archive`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/distinguishedfolderid
 */
const WELL_KNOWN: [distinguished: string, name: string, folderClass: string | null][] = [
  ['inbox', 'Inbox', 'IPF.Note'],
  ['drafts', 'Drafts', 'IPF.Note'],
  ['sentitems', 'Sent Items', 'IPF.Note'],
  ['deleteditems', 'Deleted Items', 'IPF.Note'],
  ['junkemail', 'Junk Email', 'IPF.Note'],
  ['outbox', 'Outbox', 'IPF.Note'],
  ['archive', 'Archive', 'IPF.Note'],
  ['calendar', 'Calendar', 'IPF.Appointment'],
  ['contacts', 'Contacts', 'IPF.Contact'],
  ['tasks', 'Tasks', 'IPF.Task'],
];

/** Creates a user's folder tree: root, the top of the information store and the well-known folders. */
export function createStandardFolders(db: Db, userId: number, now: number): Map<string, FolderRow> {
  const out = new Map<string, FolderRow>();
  const root = insertFolder(
    db,
    { user_id: userId, parent_id: null, name: 'Root', folder_class: null, distinguished: 'root' },
    now,
  );
  const top = insertFolder(
    db,
    {
      user_id: userId,
      parent_id: root.id,
      name: 'Top of Information Store',
      folder_class: null,
      distinguished: 'msgfolderroot',
    },
    now,
  );
  out.set('root', root).set('msgfolderroot', top);
  for (const [distinguished, name, folderClass] of WELL_KNOWN)
    out.set(
      distinguished,
      insertFolder(db, { user_id: userId, parent_id: top.id, name, folder_class: folderClass, distinguished }, now),
    );
  return out;
}

/** A user folder under `parent` (mail class). */
export function createMailFolder(db: Db, userId: number, parent: FolderRow, name: string, now: number): FolderRow {
  return insertFolder(db, { user_id: userId, parent_id: parent.id, name, folder_class: 'IPF.Note' }, now);
}
