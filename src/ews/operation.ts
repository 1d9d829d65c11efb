import type { XmlElement } from './xml/node.js';
import type { Attrs, XmlWriter } from './xml/write.js';
import type { Response } from './types.js';

/**
 * One EWS operation as a client speaks it: it writes requests and reads response messages. The
 * envelope, the `m:<Name>Response/m:ResponseMessages` wrapper and the status head are shared
 * (`soap/`). Kept apart from the server's half so that a client bundle (the service worker)
 * carries none of the code only the embedded mailbox runs.
 */
export interface Operation<Req, Msg> {
  /** The local name of the request element, e.g. `SyncFolderItems`. */
  readonly name: string;
  /** See `FlatResponse`. */
  readonly flatResponse?: FlatResponse;
  /** Attributes of the request element (ConflictResolution, DeleteType, Traversal…). */
  requestAttrs?(req: Req): Attrs;
  /** Children of the request element, in schema order. */
  writeRequest(w: XmlWriter, req: Req): void;
  /** What follows the status head inside one response message. */
  readMessage(el: XmlElement): Partial<Msg>;
}

/** The server's half of one EWS operation: the embedded mailbox reads requests and writes response messages. */
export interface ServerOperation<Req, Msg> {
  readonly name: string;
  /** See `FlatResponse`. */
  readonly flatResponse?: FlatResponse;
  readRequest(el: XmlElement): Req;
  /** What follows the status head inside one response message, in schema order. */
  writeMessage(w: XmlWriter, msg: Response<Msg>): void;
}

/**
 * `flatResponse`, set for the few operations (GetUserOofSettings, SetUserOofSettings) whose
 * request element ends in "Request" and whose answer, named here, holds one `m:ResponseMessage`
 * beside its payload rather than a `m:ResponseMessages` list: `readMessage` and `writeMessage`
 * then see that answer element, after the status.
 */
export type FlatResponse = string;

/** One EWS operation, both halves (the `OPERATIONS` registry holds these). */
export interface FullOperation<Req, Msg> extends Operation<Req, Msg>, ServerOperation<Req, Msg> {}

export type RequestOf<O> =
  O extends Operation<infer R, unknown> ? R : O extends ServerOperation<infer R, unknown> ? R : never;
export type MessageOf<O> =
  O extends Operation<unknown, infer M> ? M : O extends ServerOperation<unknown, infer M> ? M : never;
