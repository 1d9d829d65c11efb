import type { Operation } from '../operation.js';
import type { FolderRef, ItemChange, ItemId, ItemShape } from '../types.js';
export declare const MAX_SYNC_CHANGES = 512;
/**
 * Incremental sync of the items in one folder. Omit `syncState` on the first call; keep calling
 * with the returned state until `includesLastItemInRange`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitems
 */
export interface SyncFolderItemsRequest {
  itemShape: ItemShape;
  syncFolderId: FolderRef;
  syncState?: string;
  ignore?: ItemId[];
  /** 1–512 (MaxSyncChangesReturnedType). */
  maxChangesReturned: number;
  syncScope?: 'NormalItems' | 'NormalAndAssociatedItems';
}
/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitemsresponsemessage */
export interface SyncFolderItemsMessage {
  syncState: string;
  includesLastItemInRange: boolean;
  changes: ItemChange[];
}
export declare const SyncFolderItems: Operation<SyncFolderItemsRequest, SyncFolderItemsMessage>;
