import {
  ConvertIdServer,
  CopyFolderServer,
  CopyItemServer,
  CreateAttachmentServer,
  CreateFolderServer,
  CreateItemServer,
  DeleteAttachmentServer,
  DeleteFolderServer,
  DeleteItemServer,
  EmptyFolderServer,
  FindFolderServer,
  FindItemServer,
  GetAttachmentServer,
  GetFolderServer,
  GetItemServer,
  MarkAllItemsAsReadServer,
  MoveFolderServer,
  MoveItemServer,
  ResolveNamesServer,
  GetUserOofSettingsServer,
  SetUserOofSettingsServer,
  SendItemServer,
  SyncFolderHierarchyServer,
  SyncFolderItemsServer,
  UpdateFolderServer,
  UpdateItemServer,
  type ServerOperation,
  type Response,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { createAttachments, deleteAttachments } from './attachment-change.js';
import { convertIds } from './convert-id.js';
import { resolveNames } from './resolve-names.js';
import { getUserOofSettings, setUserOofSettings } from './user-oof-settings.js';
import { createFolders } from './create-folder.js';
import { createItems } from './create-item.js';
import { deleteFolders } from './delete-folder.js';
import { deleteItems } from './delete-item.js';
import { findFolder } from './find-folder.js';
import { findItem } from './find-item.js';
import { emptyFolders, markAllItemsAsRead } from './folder-contents.js';
import { getAttachments } from './get-attachment.js';
import { getFolder } from './get-folder.js';
import { getItem } from './get-item.js';
import { moveOrCopyFolders } from './move-folder.js';
import { moveOrCopyItems } from './move-item.js';
import { sendItems } from './send-item.js';
import { syncFolderHierarchy } from './sync-folder-hierarchy.js';
import { syncFolderItems } from './sync-folder-items.js';
import { updateFolders } from './update-folder.js';
import { updateItems } from './update-item.js';

/** An operation of the codec and the mailbox's answer to it. */
export interface Entry {
  op: ServerOperation<unknown, unknown>;
  run(ctx: Ctx, req: unknown): Response<unknown>[] | Promise<Response<unknown>[]>;
}

function bind<Req, Msg>(
  op: ServerOperation<Req, Msg>,
  run: (ctx: Ctx, req: Req) => Response<Msg>[] | Promise<Response<Msg>[]>,
): [string, Entry] {
  return [op.name, { op: op as ServerOperation<unknown, unknown>, run: run as Entry['run'] }];
}

/** Every operation the mailbox answers, by request element name. */
export const HANDLERS: ReadonlyMap<string, Entry> = new Map([
  bind(SyncFolderItemsServer, syncFolderItems),
  bind(SyncFolderHierarchyServer, syncFolderHierarchy),
  bind(GetFolderServer, getFolder),
  bind(GetItemServer, getItem),
  bind(UpdateItemServer, updateItems),
  bind(DeleteItemServer, deleteItems),
  bind(MoveItemServer, (ctx, req) => moveOrCopyItems(ctx, req, false)),
  bind(CopyItemServer, (ctx, req) => moveOrCopyItems(ctx, req, true)),
  bind(CreateItemServer, createItems),
  bind(SendItemServer, sendItems),
  bind(GetAttachmentServer, getAttachments),
  bind(CreateAttachmentServer, createAttachments),
  bind(DeleteAttachmentServer, deleteAttachments),
  bind(FindItemServer, findItem),
  bind(FindFolderServer, findFolder),
  bind(CreateFolderServer, createFolders),
  bind(UpdateFolderServer, updateFolders),
  bind(DeleteFolderServer, deleteFolders),
  bind(MoveFolderServer, (ctx, req) => moveOrCopyFolders(ctx, req, false)),
  bind(CopyFolderServer, (ctx, req) => moveOrCopyFolders(ctx, req, true)),
  bind(MarkAllItemsAsReadServer, markAllItemsAsRead),
  bind(EmptyFolderServer, emptyFolders),
  bind(ConvertIdServer, convertIds),
  bind(ResolveNamesServer, resolveNames),
  bind(GetUserOofSettingsServer, getUserOofSettings),
  bind(SetUserOofSettingsServer, setUserOofSettings),
]);

/** The calls Exchange Online counts against ConcurrentSyncCalls. */
export const SYNC_OPERATIONS: ReadonlySet<string> = new Set(['SyncFolderItems', 'SyncFolderHierarchy']);
