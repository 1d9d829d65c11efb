import type { XmlElement } from './xml/node.js';
import type { Attrs, XmlWriter } from './xml/write.js';
import type { Response } from './types.js';

/**
 * One EWS operation, both directions: the client writes requests and reads response messages;
 * the embedded mailbox reads requests and writes response messages. The envelope, the
 * `m:<Name>Response/m:ResponseMessages` wrapper and the status head are shared (`soap/`).
 */
export interface Operation<Req, Msg> {
  /** The local name of the request element, e.g. `SyncFolderItems`. */
  readonly name: string;
  /** Attributes of the request element (ConflictResolution, DeleteType, Traversal…). */
  requestAttrs?(req: Req): Attrs;
  /** Children of the request element, in schema order. */
  writeRequest(w: XmlWriter, req: Req): void;
  readRequest(el: XmlElement): Req;
  /** What follows the status head inside one response message, in schema order. */
  writeMessage(w: XmlWriter, msg: Response<Msg>): void;
  readMessage(el: XmlElement): Partial<Msg>;
  /** Attributes of a response message element beyond ResponseClass (none in practice). */
}

export type RequestOf<O> = O extends Operation<infer R, unknown> ? R : never;
export type MessageOf<O> = O extends Operation<unknown, infer M> ? M : never;
