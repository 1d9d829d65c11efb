import { type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { Mailbox } from '../types.js';
/** EmailAddressType, in schema order: Name, EmailAddress, RoutingType, MailboxType. */
export declare function writeMailbox(w: XmlWriter, name: string, m: Mailbox): void;
export declare function readMailbox(el: XmlElement | undefined): Mailbox | undefined;
/** SingleRecipientType: one `t:Mailbox` inside `name`. */
export declare function writeRecipient(w: XmlWriter, name: string, m: Mailbox): void;
export declare function readRecipient(el: XmlElement | undefined): Mailbox | undefined;
/** ArrayOfRecipientsType: 0..n `t:Mailbox`. */
export declare function writeRecipients(w: XmlWriter, name: string, list: Mailbox[]): void;
export declare function readRecipients(el: XmlElement | undefined): Mailbox[] | undefined;
