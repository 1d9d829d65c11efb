import Dexie from 'dexie';
import type { MessageRow } from './entities.js';
import type { MailDB } from './schema.js';
import { distinguishedFolder } from './queries.js';

/**
 * "Tell me of new mail": stored in the mailbox's own store (`meta`), so a sign-out deletes it with
 * the mailbox and every window of the app reads the same mark. Present means on.
 */
export interface NewMailAlerts {
  /** Mail received at or before this instant (ms, the server's clock once mail has been seen) is not new. */
  since: number;
}

const KEY = 'newMailAlerts';

export async function readNewMailAlerts(db: MailDB): Promise<NewMailAlerts | undefined> {
  const v = (await db.meta.get(KEY))?.value as Partial<NewMailAlerts> | undefined;
  return v && typeof v.since === 'number' ? { since: v.since } : undefined;
}

export async function saveNewMailAlerts(db: MailDB, alerts: NewMailAlerts | undefined): Promise<void> {
  if (alerts) await db.meta.put({ key: KEY, value: alerts });
  else await db.meta.delete(KEY);
}

/** Unread Inbox mail received after `since`, newest first, and the latest receipt among all mail after it. */
export async function freshInboxMail(
  db: MailDB,
  since: number,
): Promise<{ inboxId?: string; unread: MessageRow[]; latest: number }> {
  const inbox = await distinguishedFolder(db, 'inbox');
  if (!inbox) return { unread: [], latest: since };
  const rows = await db.messages
    .where('[folderId+receivedAt]')
    .between([inbox.id, since], [inbox.id, Dexie.maxKey], false, true)
    .reverse()
    .toArray();
  return {
    inboxId: inbox.id,
    unread: rows.filter((r) => r.isRead === 0),
    latest: rows.reduce((m, r) => Math.max(m, r.receivedAt), since),
  };
}

/**
 * Turns alerts on: mail already stored is not new. Its receipt time is the server's clock, which
 * later mail is compared with; the device's clock stands in only while the Inbox is empty.
 */
export async function startNewMailAlerts(db: MailDB, now: number): Promise<void> {
  const inbox = await distinguishedFolder(db, 'inbox');
  const newest = inbox
    ? await db.messages
        .where('[folderId+receivedAt]')
        .between([inbox.id, Dexie.minKey], [inbox.id, Dexie.maxKey])
        .last()
    : undefined;
  await saveNewMailAlerts(db, { since: newest?.receivedAt ?? now });
}
