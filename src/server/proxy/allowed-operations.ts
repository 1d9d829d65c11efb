/**
 * What the PWA's engine needs from Exchange, and nothing more: an operation that is not here never
 * reaches the upstream (no Subscribe with a push URL, no ConvertId, no delegate or admin calls).
 * SECURITY.md §5.1: the proxy is a locked-down backend for one frontend, not an open EWS relay.
 */
export const PROXY_OPERATIONS: ReadonlySet<string> = new Set([
  'SyncFolderHierarchy',
  'SyncFolderItems',
  'GetFolder',
  'GetItem',
  'GetAttachment',
  'UpdateItem',
  'MoveItem',
  'CopyItem',
  'DeleteItem',
  'CreateItem',
  'SendItem',
  'FindItem',
  'FindFolder',
  'CreateFolder',
  'UpdateFolder',
  'DeleteFolder',
  'MoveFolder',
  'MarkAllItemsAsRead',
  'EmptyFolder',
  // The composer's directory look-up (/api/people).
  'ResolveNames',
]);
