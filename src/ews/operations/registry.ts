import type { Operation } from '../operation.js';
import { SyncFolderHierarchy } from './sync-folder-hierarchy.js';
import { SyncFolderItems } from './sync-folder-items.js';
import { GetFolder } from './get-folder.js';
import { GetItem } from './get-item.js';
import { UpdateItem } from './update-item.js';
import { DeleteItem } from './delete-item.js';
import { CopyItem, MoveItem } from './move-item.js';
import { CreateItem } from './create-item.js';
import { SendItem } from './send-item.js';
import { GetAttachment } from './get-attachment.js';
import { FindItem } from './find-item.js';
import { FindFolder } from './find-folder.js';
import { CopyFolder, CreateFolder, DeleteFolder, MoveFolder, UpdateFolder } from './folder-change.js';
import { EmptyFolder, MarkAllItemsAsRead } from './folder-contents.js';
import { ConvertId } from './convert-id.js';

/** Every operation the codec speaks, by request element name (how EWS dispatches). */
// Built by a call marked pure so that a bundle which never reads OPERATIONS (the service worker)
// drops it, and with it the operations only the server speaks.
export const OPERATIONS: Readonly<Record<string, Operation<unknown, unknown>>> = /* @__PURE__ */ byName([
  SyncFolderHierarchy,
  SyncFolderItems,
  GetFolder,
  GetItem,
  UpdateItem,
  DeleteItem,
  MoveItem,
  CopyItem,
  CreateItem,
  SendItem,
  GetAttachment,
  FindItem,
  FindFolder,
  CreateFolder,
  UpdateFolder,
  DeleteFolder,
  MoveFolder,
  CopyFolder,
  MarkAllItemsAsRead,
  EmptyFolder,
  ConvertId,
]);

function byName(ops: readonly { name: string }[]): Record<string, Operation<unknown, unknown>> {
  return Object.fromEntries(ops.map((op) => [op.name, op as unknown as Operation<unknown, unknown>]));
}
