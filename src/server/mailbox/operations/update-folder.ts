import type { FolderInfoMessage, Response, UpdateFolderRequest } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { resolveFolder } from '../model/resolve.js';
import { propKey } from '../prop-key.js';
import { siblingNamed, updateFolder } from '../store/folders.js';
import { folderKind } from '../view/folder-view.js';
import { folderName } from './create-folder.js';
import { each, ok } from './each.js';

/**
 * UpdateFolder: rename (folder:DisplayName or PR_DISPLAY_NAME) and change the class
 * (folder:FolderClass or PR_CONTAINER_CLASS). Well-known folders keep their names. Deleting the
 * PermissionSet is accepted and changes nothing.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/updatefolder-operation
 */
export function updateFolders(ctx: Ctx, req: UpdateFolderRequest): Response<FolderInfoMessage>[] {
  return each(req.folderChanges, (c) =>
    ctx.db.write(() => {
      const f = resolveFolder(ctx, c.folderId);
      const change: { name?: string; folder_class?: string | null } = {};
      for (const u of c.updates) {
        const field = 'extended' in u.path ? propKey(u.path.extended) : 'fieldIndex' in u.path ? '' : u.path.fieldURI;
        // exchangelib renames with its whole folder: DisplayName set, PermissionSet (which it has not
        // read) deleted. This mailbox shares no folders, so every folder already has the default
        // permissions that deleting the set restores: nothing to do.
        if (u.kind === 'Delete' && field === 'folder:PermissionSet') continue;
        if (u.kind === 'Delete')
          throw new EwsFail('ErrorInvalidPropertyDelete', `The property ${field} cannot be deleted.`);
        const value = (key: string) => u.folder.extendedProperties?.find((e) => propKey(e.field) === key)?.value;
        if (field === 'folder:DisplayName' || field === 'tag:0x3001') {
          const raw = field === 'tag:0x3001' ? value(field) : u.folder.displayName;
          change.name = folderName(Array.isArray(raw) ? raw[0] : raw);
        } else if (field === 'folder:FolderClass' || field === 'tag:0x3613') {
          const raw = field === 'tag:0x3613' ? value(field) : u.folder.folderClass;
          change.folder_class = (Array.isArray(raw) ? raw[0] : raw) ?? null;
        } else throw new EwsFail('ErrorInvalidPropertySet', `The property ${field} cannot be set.`);
      }
      if (change.name !== undefined && change.name !== f.name) {
        if (f.distinguished) throw new EwsFail('ErrorInvalidOperation', 'Well-known folders cannot be renamed.');
        if (f.parent_id !== null && siblingNamed(ctx.db, ctx.user.id, f.parent_id, change.name, f.id))
          throw new EwsFail('ErrorFolderExists');
      }
      const made = updateFolder(ctx.db, f.id, change, ctx.now);
      return ok({ folders: [{ kind: folderKind(made.folder_class), folderId: ctx.ids.folder(made) }] });
    }),
  );
}
