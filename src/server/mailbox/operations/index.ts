import {
  ConvertId,
  CopyFolder,
  CopyItem,
  CreateFolder,
  CreateItem,
  DeleteFolder,
  DeleteItem,
  EmptyFolder,
  FindFolder,
  FindItem,
  GetAttachment,
  GetFolder,
  GetItem,
  MarkAllItemsAsRead,
  MoveFolder,
  MoveItem,
  SendItem,
  SyncFolderHierarchy,
  SyncFolderItems,
  UpdateFolder,
  UpdateItem,
  type Operation,
  type Response,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { convertIds } from './convert-id.js';
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
  op: Operation<unknown, unknown>;
  run(ctx: Ctx, req: unknown): Response<unknown>[] | Promise<Response<unknown>[]>;
}

function bind<Req, Msg>(
  op: Operation<Req, Msg>,
  run: (ctx: Ctx, req: Req) => Response<Msg>[] | Promise<Response<Msg>[]>,
): [string, Entry] {
  return [op.name, { op: op as Operation<unknown, unknown>, run: run as Entry['run'] }];
}

/** Every operation the mailbox answers, by request element name. */
export const HANDLERS: ReadonlyMap<string, Entry> = new Map([
  bind(SyncFolderItems, syncFolderItems),
  bind(SyncFolderHierarchy, syncFolderHierarchy),
  bind(GetFolder, getFolder),
  bind(GetItem, getItem),
  bind(UpdateItem, updateItems),
  bind(DeleteItem, deleteItems),
  bind(MoveItem, (ctx, req) => moveOrCopyItems(ctx, req, false)),
  bind(CopyItem, (ctx, req) => moveOrCopyItems(ctx, req, true)),
  bind(CreateItem, createItems),
  bind(SendItem, sendItems),
  bind(GetAttachment, getAttachments),
  bind(FindItem, findItem),
  bind(FindFolder, findFolder),
  bind(CreateFolder, createFolders),
  bind(UpdateFolder, updateFolders),
  bind(DeleteFolder, deleteFolders),
  bind(MoveFolder, (ctx, req) => moveOrCopyFolders(ctx, req, false)),
  bind(CopyFolder, (ctx, req) => moveOrCopyFolders(ctx, req, true)),
  bind(MarkAllItemsAsRead, markAllItemsAsRead),
  bind(EmptyFolder, emptyFolders),
  bind(ConvertId, convertIds),
]);

/** The calls Exchange Online counts against ConcurrentSyncCalls. */
export const SYNC_OPERATIONS: ReadonlySet<string> = new Set(['SyncFolderItems', 'SyncFolderHierarchy']);
