import { NS } from '../namespaces.js';
import { child, childText, childrenNamed, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import type { Mailbox } from '../types.js';

/** EmailAddressType, in schema order: Name, EmailAddress, RoutingType, MailboxType. */
export function writeMailbox(w: XmlWriter, name: string, m: Mailbox): void {
  w.el(name, undefined, () => {
    w.leaf('t:Name', m.name)
      .leaf('t:EmailAddress', m.emailAddress)
      .leaf('t:RoutingType', m.routingType)
      .leaf('t:MailboxType', m.mailboxType);
  });
}

export function readMailbox(el: XmlElement | undefined): Mailbox | undefined {
  if (!el) return undefined;
  const m: Mailbox = {};
  const name = childText(el, NS.t, 'Name');
  const emailAddress = childText(el, NS.t, 'EmailAddress');
  const routingType = childText(el, NS.t, 'RoutingType');
  const mailboxType = childText(el, NS.t, 'MailboxType');
  if (name !== undefined) m.name = name;
  if (emailAddress !== undefined) m.emailAddress = emailAddress;
  if (routingType !== undefined) m.routingType = routingType;
  if (mailboxType !== undefined) m.mailboxType = mailboxType;
  return m;
}

/** SingleRecipientType: one `t:Mailbox` inside `name`. */
export function writeRecipient(w: XmlWriter, name: string, m: Mailbox): void {
  w.el(name, undefined, () => writeMailbox(w, 't:Mailbox', m));
}

export function readRecipient(el: XmlElement | undefined): Mailbox | undefined {
  return readMailbox(child(el, NS.t, 'Mailbox'));
}

/** ArrayOfRecipientsType: 0..n `t:Mailbox`. */
export function writeRecipients(w: XmlWriter, name: string, list: Mailbox[]): void {
  w.el(name, undefined, () => list.forEach((m) => writeMailbox(w, 't:Mailbox', m)));
}

export function readRecipients(el: XmlElement | undefined): Mailbox[] | undefined {
  return el ? childrenNamed(el, NS.t, 'Mailbox').map((m) => readMailbox(m)!) : undefined;
}
