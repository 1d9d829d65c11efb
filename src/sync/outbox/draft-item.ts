import type { Attachment, ExtendedFieldURI, Item, ItemUpdate, Mailbox } from '../../ews/index.js';
import type { Address, Draft, MessageRow } from '../../db/index.js';

/**
 * The outbox entry's opId, stamped on every draft Tern creates, so a retry after a lost answer
 * can find what the first attempt made instead of making it twice.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/properties-and-extended-properties-in-ews-in-exchange
 */
export const TERN_OPERATION_ID: ExtendedFieldURI = {
  distinguishedPropertySetId: 'PublicStrings',
  propertyName: 'TernOperationId',
  propertyType: 'String',
};

const mailbox = (a: Address): Mailbox => (a.name ? { name: a.name, emailAddress: a.email } : { emailAddress: a.email });

/**
 * The EWS message for a draft; a reply names the message it answers (In-Reply-To, References).
 * `attachments` carry their content (see draftAttachments): CreateItem takes them inline.
 */
export function draftToItem(draft: Draft, opId: string, source?: MessageRow, attachments?: Attachment[]): Item {
  const item: Item = {
    kind: 'Message',
    subject: draft.subject,
    body: draft.html !== undefined ? { bodyType: 'HTML', value: draft.html } : { bodyType: 'Text', value: draft.text },
    importance: draft.importance ?? 'Normal',
    extendedProperties: [{ field: TERN_OPERATION_ID, value: opId }],
    toRecipients: draft.to.map(mailbox),
    ccRecipients: draft.cc.map(mailbox),
    bccRecipients: draft.bcc.map(mailbox),
  };
  if (attachments?.length) item.attachments = attachments;
  const answered = source && draft.source?.mode !== 'forward' ? source.internetMessageId : undefined;
  if (answered) {
    item.inReplyTo = answered;
    item.references = answered;
  }
  return item;
}

/** SetItemField/DeleteItemField updates that make an existing draft say what `item` says. */
export function draftUpdates(item: Item): ItemUpdate[] {
  const set = (fieldURI: string, part: Partial<Item>): ItemUpdate => ({
    kind: 'Set',
    path: { fieldURI },
    item: { kind: 'Message', ...part },
  });
  // An empty recipient list cannot be Set; it is deleted instead.
  const recipients = (fieldURI: string, list: Mailbox[] | undefined, key: keyof Item): ItemUpdate =>
    list?.length ? set(fieldURI, { [key]: list }) : { kind: 'Delete', path: { fieldURI } };
  return [
    set('item:Subject', { subject: item.subject ?? '' }),
    set('item:Body', { body: item.body! }),
    set('item:Importance', { importance: item.importance ?? 'Normal' }),
    recipients('message:ToRecipients', item.toRecipients, 'toRecipients'),
    recipients('message:CcRecipients', item.ccRecipients, 'ccRecipients'),
    recipients('message:BccRecipients', item.bccRecipients, 'bccRecipients'),
    {
      kind: 'Set',
      path: { extended: TERN_OPERATION_ID },
      item: { kind: 'Message', extendedProperties: item.extendedProperties ?? [] },
    },
  ];
}
