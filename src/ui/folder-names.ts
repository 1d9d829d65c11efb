import type { FolderRow } from '../db/index.js';
import type { MessageKey } from './i18n/en.js';
import type { Translator } from './i18n/translate.js';
import type { IconName } from './components/icon.js';

const WELL_KNOWN: Record<string, { key: MessageKey; icon: IconName }> = {
  inbox: { key: 'folder.inbox', icon: 'inbox' },
  drafts: { key: 'folder.drafts', icon: 'drafts' },
  sentitems: { key: 'folder.sentitems', icon: 'sent' },
  archive: { key: 'folder.archive', icon: 'archive' },
  deleteditems: { key: 'folder.deleteditems', icon: 'trash' },
  junkemail: { key: 'folder.junkemail', icon: 'junk' },
  outbox: { key: 'folder.outbox', icon: 'outbox' },
};

/** Well-known folders in the user's language ("Boîte de réception"); others as the server names them. */
export function folderName(folder: Pick<FolderRow, 'name' | 'distinguished'>, t: Translator): string {
  const known = folder.distinguished ? WELL_KNOWN[folder.distinguished] : undefined;
  return known ? t.t(known.key) : folder.name;
}

export function folderIcon(folder: Pick<FolderRow, 'distinguished'>): IconName {
  return (folder.distinguished && WELL_KNOWN[folder.distinguished]?.icon) || 'folder';
}
