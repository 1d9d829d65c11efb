import { CreateFolder, DeleteFolder, FindFolder, GetFolder, UpdateFolder, type FolderRef } from '../../ews/index.js';
import { META, type OpOf, type OutboxEntry } from '../../db/index.js';
import { addNotes } from '../../db/outbox-notes.js';
import type { SyncContext } from '../context.js';
import { EntryError, FOLDER_GONE, failureOf } from './entry-error.js';
import { folderNamed } from './folder-named.js';
import { remapFolder } from './remap.js';

/**
 * Folder intents: CreateFolder (the local folder, its messages and later entries switch to the
 * server's id), UpdateFolder of the display name, DeleteFolder (to Deleted Items, or a soft
 * delete of what was already there).
 *
 * A create whose outcome is unknown, or that meets a folder of the same name, takes that folder:
 * the user asked for a folder of that name there, and now there is exactly one. A rename of a
 * folder deleted on the server ends with a note; a delete of one is done.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createfolder-operation
 */
export async function replayFolder(
  ctx: SyncContext,
  entry: OutboxEntry,
  op: OpOf<'create-folder' | 'rename-folder' | 'delete-folder'>,
  unsure: boolean,
): Promise<void> {
  const { db } = ctx;
  switch (op.kind) {
    case 'create-folder': {
      const parent = await parentRef(ctx, op.parentId);
      const name = op.name.trim();
      let id = unsure ? await findFolder(ctx, parent, name) : undefined;
      if (!id) {
        const [m] = await ctx.call(CreateFolder, {
          parentFolderId: parent,
          folders: [{ kind: 'Folder', folderClass: 'IPF.Note', displayName: name }],
        });
        id = m?.responseClass !== 'Error' ? m?.folders?.[0]?.folderId?.id : undefined;
        if (!id && m?.responseCode === 'ErrorFolderExists') id = await findFolder(ctx, parent, name);
        if (!id && m && FOLDER_GONE.has(m.responseCode))
          throw EntryError.park({ code: 'parent-gone', name, ...(await folderNamed(ctx, op.parentId)) });
        if (!id) throw new EntryError(failureOf(m));
      }
      const made = id;
      await db.transaction('rw', [db.folders, db.messages, db.outbox], async () => {
        await remapFolder(db, op.tempId, made, entry.seq!);
        await db.outbox.delete(entry.seq!);
      });
      return;
    }
    case 'rename-folder': {
      const [m] = await ctx.call(UpdateFolder, {
        folderChanges: [
          {
            folderId: { id: op.id },
            updates: [
              {
                kind: 'Set',
                path: { fieldURI: 'folder:DisplayName' },
                folder: { kind: 'Folder', displayName: op.name.trim() },
              },
            ],
          },
        ],
      });
      const gone = m?.responseClass === 'Error' && FOLDER_GONE.has(m.responseCode);
      if (m?.responseClass === 'Error' && !gone) throw new EntryError(failureOf(m));
      await db.transaction('rw', [db.outbox, db.meta], async () => {
        await db.outbox.delete(entry.seq!);
        if (gone)
          await addNotes(db, [
            {
              opId: entry.opId,
              at: ctx.clock.now(),
              what: { code: 'folder-gone' },
              op,
            },
          ]);
      });
      return;
    }
    case 'delete-folder': {
      const hard = entry.local?.hardDelete?.includes(op.id);
      // A first attempt may have moved it to Deleted Items already; sent again, the server
      // would delete it from there for good, with everything in it.
      if (unsure && !hard && (await inTrashOrGone(ctx, op.id))) {
        await db.outbox.delete(entry.seq!);
        return;
      }
      const [m] = await ctx.call(DeleteFolder, {
        deleteType: hard ? 'SoftDelete' : 'MoveToDeletedItems',
        folderIds: [{ id: op.id }],
      });
      if (m?.responseClass === 'Error' && !FOLDER_GONE.has(m.responseCode)) throw new EntryError(failureOf(m));
      await db.outbox.delete(entry.seq!);
      return;
    }
  }
}

/** Top-level folders hang under msgfolderroot, which is never stored locally. */
async function parentRef(ctx: SyncContext, parentId: string): Promise<FolderRef> {
  const known = (await ctx.db.meta.get(META.distinguished))?.value as Record<string, string> | undefined;
  if (parentId === '' || parentId === known?.['msgfolderroot']) return { distinguished: 'msgfolderroot' };
  return { id: parentId };
}

/** Whether a folder sits in Deleted Items already, or is gone. */
async function inTrashOrGone(ctx: SyncContext, id: string): Promise<boolean> {
  const known = (await ctx.db.meta.get(META.distinguished))?.value as Record<string, string> | undefined;
  const [m] = await ctx.call(GetFolder, {
    folderShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'folder:ParentFolderId' }] },
    folderIds: [{ id }],
  });
  if (m?.responseClass === 'Error') return FOLDER_GONE.has(m.responseCode);
  const parent = m?.folders?.[0]?.parentFolderId?.id;
  return parent !== undefined && parent === known?.['deleteditems'];
}

/** The child of `parent` called `name`, if there is one. */
async function findFolder(ctx: SyncContext, parent: FolderRef, name: string): Promise<string | undefined> {
  const [m] = await ctx.call(FindFolder, {
    traversal: 'Shallow',
    folderShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'folder:DisplayName' }] },
    restriction: { op: 'IsEqualTo', path: { fieldURI: 'folder:DisplayName' }, value: name },
    parentFolderIds: [parent],
  });
  const folders = m?.rootFolder?.folders ?? [];
  return folders.find((f) => f.displayName?.toLowerCase() === name.toLowerCase())?.folderId?.id;
}
