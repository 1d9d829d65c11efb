import { CreateFolder, DeleteFolder, UpdateFolder, type FolderRef } from '../ews/index.js';
import { isLocalId, META, type OutboxEntry } from '../db/index.js';
import type { SyncContext } from './context.js';
import { EntryError, plainError } from './entry-error.js';
import { remapFolder } from './remap.js';

const GONE = new Set(['ErrorFolderNotFound', 'ErrorItemNotFound']);

/**
 * Folder intents: CreateFolder (the local folder, its messages and later entries switch to the
 * server's id), UpdateFolder of the display name, DeleteFolder (to Deleted Items, or a soft
 * delete of what was already there).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/createfolder-operation
 */
export async function replayFolder(ctx: SyncContext, entry: OutboxEntry): Promise<void> {
  const op = entry.op;
  const { db } = ctx;
  switch (op.kind) {
    case 'create-folder': {
      const parent = await parentRef(ctx, op.parentId);
      const [m] = await ctx.call(CreateFolder, {
        parentFolderId: parent,
        folders: [{ kind: 'Folder', folderClass: 'IPF.Note', displayName: op.name.trim() }],
      });
      const id = m?.responseClass !== 'Error' ? m?.folders?.[0]?.folderId?.id : undefined;
      if (!id) throw new EntryError(plainError(m));
      await db.transaction('rw', [db.folders, db.messages, db.outbox], async () => {
        await remapFolder(db, op.tempId, id, entry.seq!);
        await db.outbox.delete(entry.seq!);
      });
      return;
    }
    case 'rename-folder': {
      waitFor(op.id);
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
      if (m?.responseClass === 'Error') throw new EntryError(plainError(m));
      await db.outbox.delete(entry.seq!);
      return;
    }
    case 'delete-folder': {
      waitFor(op.id);
      const hard = entry.local?.hardDelete?.includes(op.id);
      const [m] = await ctx.call(DeleteFolder, {
        deleteType: hard ? 'SoftDelete' : 'MoveToDeletedItems',
        folderIds: [{ id: op.id }],
      });
      if (m?.responseClass === 'Error' && !GONE.has(m.responseCode)) throw new EntryError(plainError(m));
      await db.outbox.delete(entry.seq!);
      return;
    }
    default:
      throw new Error(`not a folder intent: ${op.kind}`);
  }
}

function waitFor(id: string): void {
  if (isLocalId(id)) throw new EntryError('Waiting for the new folder to be created on the server.');
}

/** Top-level folders hang under msgfolderroot, which is never stored locally. */
async function parentRef(ctx: SyncContext, parentId: string): Promise<FolderRef> {
  waitFor(parentId);
  const known = (await ctx.db.meta.get(META.distinguished))?.value as Record<string, string> | undefined;
  if (parentId === '' || parentId === known?.['msgfolderroot']) return { distinguished: 'msgfolderroot' };
  return { id: parentId };
}
