import type { FullOperation } from '../operation.js';
import { SyncFolderHierarchy, SyncFolderHierarchyServer } from './sync-folder-hierarchy.js';
import { SyncFolderItems, SyncFolderItemsServer } from './sync-folder-items.js';
import { GetFolder, GetFolderServer } from './get-folder.js';
import { GetItem, GetItemServer } from './get-item.js';
import { UpdateItem, UpdateItemServer } from './update-item.js';
import { DeleteItem, DeleteItemServer } from './delete-item.js';
import { CopyItem, CopyItemServer, MoveItem, MoveItemServer } from './move-item.js';
import { CreateItem, CreateItemServer } from './create-item.js';
import { SendItem, SendItemServer } from './send-item.js';
import { GetAttachment, GetAttachmentServer } from './get-attachment.js';
import {
  CreateAttachment,
  CreateAttachmentServer,
  DeleteAttachment,
  DeleteAttachmentServer,
} from './attachment-change.js';
import { FindItem, FindItemServer } from './find-item.js';
import { FindFolder, FindFolderServer } from './find-folder.js';
import {
  CopyFolder,
  CopyFolderServer,
  CreateFolder,
  CreateFolderServer,
  DeleteFolder,
  DeleteFolderServer,
  MoveFolder,
  MoveFolderServer,
  UpdateFolder,
  UpdateFolderServer,
} from './folder-change.js';
import { EmptyFolder, EmptyFolderServer, MarkAllItemsAsRead, MarkAllItemsAsReadServer } from './folder-contents.js';
import { ConvertId, ConvertIdServer } from './convert-id.js';
import { ResolveNames, ResolveNamesServer } from './resolve-names.js';
import {
  GetUserOofSettings,
  GetUserOofSettingsServer,
  SetUserOofSettings,
  SetUserOofSettingsServer,
} from './user-oof-settings.js';

/** Every operation the codec speaks, both halves, by request element name (how EWS dispatches). */
// Built by a call marked pure so that a bundle which never reads OPERATIONS (the service worker)
// drops it, and with it the server halves of every operation.
export const OPERATIONS: Readonly<Record<string, FullOperation<unknown, unknown>>> = /* @__PURE__ */ byName([
  [SyncFolderHierarchy, SyncFolderHierarchyServer],
  [SyncFolderItems, SyncFolderItemsServer],
  [GetFolder, GetFolderServer],
  [GetItem, GetItemServer],
  [UpdateItem, UpdateItemServer],
  [DeleteItem, DeleteItemServer],
  [MoveItem, MoveItemServer],
  [CopyItem, CopyItemServer],
  [CreateItem, CreateItemServer],
  [SendItem, SendItemServer],
  [GetAttachment, GetAttachmentServer],
  [CreateAttachment, CreateAttachmentServer],
  [DeleteAttachment, DeleteAttachmentServer],
  [FindItem, FindItemServer],
  [FindFolder, FindFolderServer],
  [CreateFolder, CreateFolderServer],
  [UpdateFolder, UpdateFolderServer],
  [DeleteFolder, DeleteFolderServer],
  [MoveFolder, MoveFolderServer],
  [CopyFolder, CopyFolderServer],
  [MarkAllItemsAsRead, MarkAllItemsAsReadServer],
  [EmptyFolder, EmptyFolderServer],
  [ConvertId, ConvertIdServer],
  [ResolveNames, ResolveNamesServer],
  [GetUserOofSettings, GetUserOofSettingsServer],
  [SetUserOofSettings, SetUserOofSettingsServer],
]);

/** An operation's client and server halves (typed loosely: each op has its own request and message types). */
type Halves = readonly [{ readonly name: string }, { readonly name: string }];

function byName(ops: readonly Halves[]): Record<string, FullOperation<unknown, unknown>> {
  return Object.fromEntries(
    ops.map(([client, server]) => [
      client.name,
      { ...client, ...server } as unknown as FullOperation<unknown, unknown>,
    ]),
  );
}
