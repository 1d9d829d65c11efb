import Dexie from 'dexie';
import type { Address } from './entities.js';
import { distinguishedFolder } from './queries.js';
import type { MailDB } from './schema.js';

/** One address on one message: who mail went to from here (`sent`) or came from. */
export interface Correspondence {
  address: Address;
  /** When the message was received (or sent), in ms. */
  at: number;
  sent: boolean;
}

/** How far back the composer looks for people to suggest: the newest messages of each kind. */
export const PEOPLE_LIMITS = { sent: 1000, received: 2000 };

// Mail in these was not sent to this person by someone else: its sender is this person or a
// spammer. Sent Items first: it is also where the people written to are read.
const NOT_RECEIVED = ['sentitems', 'drafts', 'outbox', 'junkemail'];

/**
 * The addresses of the newest mail on this device: the To, Cc and Bcc of what was sent from
 * here (Sent Items), and the senders of what was received anywhere else but Drafts, the Outbox
 * and Junk Email. Two indexed reads of a few thousand rows, so it stays quick in any mailbox.
 */
export async function correspondence(db: MailDB, limits = PEOPLE_LIMITS): Promise<Correspondence[]> {
  const folders = await Promise.all(NOT_RECEIVED.map((name) => distinguishedFolder(db, name)));
  const sentFolder = folders[0];
  const notReceived = new Set(folders.flatMap((f) => (f ? [f.id] : [])));
  const [sent, received] = await Promise.all([
    sentFolder
      ? db.messages
          .where('[folderId+receivedAt]')
          .between([sentFolder.id, Dexie.minKey], [sentFolder.id, Dexie.maxKey])
          .reverse()
          .limit(limits.sent)
          .toArray()
      : [],
    db.messages
      .orderBy('receivedAt')
      .reverse()
      .filter((m) => !notReceived.has(m.folderId) && m.from !== undefined)
      .limit(limits.received)
      .toArray(),
  ]);
  const out: Correspondence[] = [];
  for (const m of sent)
    for (const address of [...m.to, ...m.cc, ...(m.bcc ?? [])]) out.push({ address, at: m.receivedAt, sent: true });
  for (const m of received) out.push({ address: m.from!, at: m.receivedAt, sent: false });
  return out;
}
