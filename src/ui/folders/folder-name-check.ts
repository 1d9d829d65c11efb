import type { FolderRow } from '../../db/index.js';
import type { MessageKey } from '../i18n/en.js';
import type { Params } from '../i18n/translate.js';
import '../i18n/views.js';

// Exchange keeps a folder's display name to 255 characters; recordAction refuses longer ones too.
export const MAX_FOLDER_NAME = 255;
// A name is one line: Outlook and OWA show it in a tree, and a line break or tab has no place there.
const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c === '\u007f';

/** Why a folder name cannot be used, as a message key and its parameters. */
export interface NameProblem {
  key: MessageKey;
  params?: Params;
}

/**
 * Checks a new or changed folder name against its future siblings before anything is recorded:
 * not blank, one line, at most 255 characters, and no sibling of the same name. Exchange compares
 * names without regard to case (ErrorFolderExists), so "projects" clashes with "Projects".
 * `selfId` is the folder being renamed, which may keep its own name in another case.
 */
export function checkFolderName(
  name: string,
  siblings: ReadonlyArray<Pick<FolderRow, 'id' | 'name'>>,
  selfId?: string,
): NameProblem | undefined {
  const wanted = name.trim();
  if (wanted === '') return { key: 'folder.nameEmpty' };
  if ([...wanted].some(isControl)) return { key: 'folder.nameControl' };
  if (wanted.length > MAX_FOLDER_NAME) return { key: 'folder.nameTooLong', params: { max: MAX_FOLDER_NAME } };
  const clash = siblings.find((f) => f.id !== selfId && f.name.trim().toLowerCase() === wanted.toLowerCase());
  return clash ? { key: 'folder.nameTaken', params: { name: clash.name } } : undefined;
}
