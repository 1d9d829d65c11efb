import type { FolderRow } from './entities.js';

/**
 * Mail folders are plain `Folder`s whose FolderClass is IPF.Note (or a subclass), or none at all:
 * folders created through EWS often carry no class. Calendars, contacts, tasks, notes, journals,
 * search folders and configuration folders are not mail.
 */
export function isMailFolder(f: Pick<FolderRow, 'kind' | 'folderClass'>): boolean {
  if (f.kind !== 'Folder') return false;
  return f.folderClass === '' || f.folderClass === 'IPF.Note' || f.folderClass.startsWith('IPF.Note.');
}

/** Well-known folders first, in the order mail clients show them. */
export const WELL_KNOWN_ORDER = ['inbox', 'drafts', 'sentitems', 'archive', 'deleteditems', 'junkemail', 'outbox'];
