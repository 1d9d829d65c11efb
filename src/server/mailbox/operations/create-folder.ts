import type { CreateFolderRequest, Folder, FolderInfoMessage, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { resolveFolder } from '../model/resolve.js';
import { insertFolder, siblingNamed } from '../store/folders.js';
import type { FolderRow } from '../store/rows.js';
import { folderKind } from '../view/folder-view.js';
import { each, failed, ok } from './each.js';

const KIND_CLASS: Partial<Record<Folder['kind'], string>> = {
  CalendarFolder: 'IPF.Appointment',
  ContactsFolder: 'IPF.Contact',
  TasksFolder: 'IPF.Task',
};

/** A folder name as Exchange accepts it: not empty, not over 255 characters. */
export function folderName(name: string | undefined): string {
  const n = name?.trim() ?? '';
  if (!n || n.length > 255)
    throw new EwsFail('ErrorFolderSavePropertyError', 'The folder name is empty or longer than 255 characters.');
  return n;
}

/**
 * CreateFolder: a folder under the parent, with the class given (or implied by the element:
 * a CalendarFolder is IPF.Appointment). A sibling of the same name answers ErrorFolderExists.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createfolder-operation
 */
export function createFolders(ctx: Ctx, req: CreateFolderRequest): Response<FolderInfoMessage>[] {
  let parent: FolderRow;
  try {
    parent = resolveFolder(ctx, req.parentFolderId);
  } catch (e) {
    const error = failed(e);
    return req.folders.map(() => error);
  }
  return each(req.folders, (f) =>
    ctx.db.write(() => {
      const name = folderName(f.displayName);
      if (siblingNamed(ctx.db, ctx.user.id, parent.id, name)) throw new EwsFail('ErrorFolderExists');
      const made = insertFolder(
        ctx.db,
        { user_id: ctx.user.id, parent_id: parent.id, name, folder_class: f.folderClass ?? KIND_CLASS[f.kind] ?? null },
        ctx.now,
      );
      return ok({ folders: [{ kind: folderKind(made.folder_class), folderId: ctx.ids.folder(made) }] });
    }),
  );
}
