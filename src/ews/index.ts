/**
 * The EWS codec: pure TypeScript, strings in and values out. It runs unchanged in the service
 * worker (no DOMParser there), the page, the Tern server and the tests. Nothing outside src/ews
 * imports anything but this file.
 */
export * from './types.js';
export * from './errors.js';
export { NS } from './namespaces.js';
export type { Operation, ServerOperation, FullOperation, RequestOf, MessageOf } from './operation.js';
export {
  encodeRequest,
  decodeRequest,
  encodeResponse,
  decodeResponse,
  openEnvelope,
  TERN_SERVER_VERSION,
  type DecodedRequest,
  type DecodedResponse,
  type RequestOptions,
  type ServerVersionInfo,
} from './soap/envelope.js';
export { encodeFault, type FaultSpec } from './soap/fault.js';
export { peekOperation } from './soap/peek-operation.js';
export { parseXml, DEFAULT_LIMITS, type XmlLimits } from './xml/read.js';
export type { XmlElement } from './xml/node.js';
export { statusOf } from './response.js';
export { canonicalTag, extendedKey } from './properties/paths.js';

export * from './operations/sync-folder-hierarchy.js';
export * from './operations/sync-folder-items.js';
export * from './operations/get-folder.js';
export * from './operations/get-item.js';
export * from './operations/update-item.js';
export * from './operations/delete-item.js';
export * from './operations/move-item.js';
export * from './operations/create-item.js';
export * from './operations/send-item.js';
export * from './operations/get-attachment.js';
export * from './operations/attachment-change.js';
export * from './operations/find-item.js';
export * from './operations/find-folder.js';
export * from './operations/folder-change.js';
export * from './operations/folder-contents.js';
export * from './operations/convert-id.js';
export * from './operations/resolve-names.js';
export * from './operations/user-oof-settings.js';
export { OPERATIONS } from './operations/registry.js';
