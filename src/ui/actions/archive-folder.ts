import { distinguishedFolder, type FolderRow } from '../../db/index.js';
import { db } from '../db.js';

/**
 * Where archived mail goes: the folder the server calls `archive`, else a top-level folder named
 * Archive (Outlook's, which EWS does not name on older servers and the engine does not ask about).
 */
export async function archiveFolder(): Promise<FolderRow | undefined> {
  const known = await distinguishedFolder(db, 'archive');
  if (known) return known;
  const inbox = await distinguishedFolder(db, 'inbox');
  if (!inbox) return undefined;
  const siblings = await db.folders.where('parentId').equals(inbox.parentId).toArray();
  return siblings.find((f) => /^archives?$/i.test(f.name.trim()));
}
