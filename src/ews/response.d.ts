import { type XmlElement } from './xml/node.js';
import type { XmlWriter } from './xml/write.js';
import type { ResponseStatus } from './types.js';
/** MessageText, ResponseCode, DescriptiveLinkKey, MessageXml: the common head of a response message. */
export declare function writeStatus(w: XmlWriter, s: ResponseStatus): void;
/** `t:Value Name=…` pairs, the form MessageXml takes for back-off and inner errors. */
export declare function writeValues(w: XmlWriter, values: Record<string, string>): void;
/** Values from a MessageXml element: `t:Value` by Name, any other element by its local name. */
export declare function readValues(el: XmlElement | undefined): Record<string, string> | undefined;
export declare function readStatus(el: XmlElement): ResponseStatus;
/** Keeps only the status fields of a response message (for building error answers). */
export declare function statusOf(s: ResponseStatus): ResponseStatus;
