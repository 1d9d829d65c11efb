import { MESSAGE_KINDS, type Item, type Mailbox } from '../ews/index.js';
import { searchTerms, type Address, type FlagState, type MessageRow } from '../db/index.js';

const FLAGS: Record<string, FlagState> = { NotFlagged: 0, Flagged: 1, Complete: 2 };

export function toAddress(m: Mailbox | undefined): Address | undefined {
  if (!m || (m.name === undefined && m.emailAddress === undefined)) return undefined;
  return { name: m.name ?? m.emailAddress ?? '', email: m.emailAddress ?? '' };
}

const addresses = (list: Mailbox[] | undefined): Address[] =>
  (list ?? []).map(toAddress).filter((a): a is Address => a !== undefined);

const time = (...values: (string | undefined)[]): number | undefined => {
  for (const v of values) {
    const t = v === undefined ? NaN : Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
};

/** True when the item carries the summary (not just an id, as IdOnly sync pages do). */
export const hasSummary = (item: Item): boolean => item.dateTimeReceived !== undefined || item.subject !== undefined;

/**
 * The list row of an item in `folderId`. Items that are not messages (posts, reports) keep what
 * they have; a missing IsRead on them counts as read, as Exchange does not count them unread.
 */
export function itemToRow(item: Item, folderId: string): MessageRow {
  if (!item.itemId) throw new Error('An item without an ItemId cannot be stored.');
  const from = toAddress(item.from ?? item.sender);
  const subject = item.subject ?? '';
  const preview = item.preview ?? '';
  const isRead = item.isRead ?? !MESSAGE_KINDS.has(item.kind);
  const row: MessageRow = {
    id: item.itemId.id,
    changeKey: item.itemId.changeKey ?? '',
    folderId,
    receivedAt: time(item.dateTimeReceived, item.dateTimeSent, item.dateTimeCreated) ?? 0,
    subject,
    to: addresses(item.toRecipients),
    cc: addresses(item.ccRecipients),
    preview,
    isRead: isRead ? 1 : 0,
    flag: FLAGS[item.flag?.flagStatus ?? 'NotFlagged'] ?? 0,
    importance: item.importance ?? 'Normal',
    hasAttachments: item.hasAttachments ? 1 : 0,
    size: item.size ?? 0,
    itemClass: item.itemClass ?? 'IPM.Note',
    terms: searchTerms(subject, from, preview),
  };
  const sentAt = time(item.dateTimeSent);
  if (sentAt !== undefined) row.sentAt = sentAt;
  if (from) row.from = from;
  if (item.conversationId) row.conversationId = item.conversationId.id;
  if (item.internetMessageId) row.internetMessageId = item.internetMessageId;
  if (item.isDraft) row.isDraft = true;
  if (item.bccRecipients?.length) row.bcc = addresses(item.bccRecipients);
  if (item.replyTo?.length) row.replyTo = addresses(item.replyTo);
  if (item.categories?.length) row.categories = item.categories;
  return row;
}
