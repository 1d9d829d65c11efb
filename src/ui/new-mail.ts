import { freshInboxMail, readNewMailAlerts, saveNewMailAlerts } from '../db/new-mail-alerts.js';
import type { MailDB, MessageRow } from '../db/index.js';
import type { AlertData } from '../sync/protocol.js';
import { currentTranslator } from './i18n/use-i18n.js';
import './i18n/views.js';

/** What telling of mail needs of the platform: notifications, and whether the user sees the app. */
export interface AlertHost {
  /** True while the window is on screen: its list shows the mail already. */
  watching(): boolean;
  /** `timestamp` (when the mail came, not when it was seen) is in the standard, not yet in TypeScript's DOM types. */
  show(title: string, options: NotificationOptions & { data: AlertData; timestamp: number }): Promise<void>;
  /** Closes every notification this app shows. */
  closeAll(): Promise<void>;
}

/** The few words a notification needs, in the user's language. */
export interface AlertWords {
  noSubject: string;
  unknownSender: string;
  /** The title for several messages at once. */
  many(count: number): string;
}

/** Lines of the notification of several messages: the newest are named, the count says the rest. */
const NAMED = 3;

/**
 * After a pass, when the user asked for it: mail that came into the Inbox since the last pass is
 * announced in one notification, once, unless the window is on screen, which instead clears the
 * notifications (the user is looking at the mail). Mail moved back into the Inbox is
 * not new (it was received before `since`), nor is mail that arrived already read.
 */
export async function tellOfNewMail(db: MailDB, host: AlertHost, words: AlertWords): Promise<void> {
  const alerts = await readNewMailAlerts(db);
  if (!alerts) return;
  const { inboxId, unread, latest } = await freshInboxMail(db, alerts.since);
  if (host.watching()) await host.closeAll();
  else if (inboxId && unread[0]) {
    const { title, body } = describeMail(unread, words);
    const one = unread.length === 1;
    // A tag per notification: the next pass's mail comes as another one, not in its place.
    await host
      .show(title, {
        body,
        tag: `tern-mail:${unread[0].id}`,
        timestamp: unread[0].receivedAt,
        icon: '/icons/icon-192.png',
        data: { folderId: inboxId, ...(one && { messageId: unread[0].id }) },
      })
      // Permission withdrawn in the browser's settings: nothing to show, and nothing is lost.
      .catch(() => undefined);
  }
  // Stored after the notification: a page closed in between shows it again next time, under the
  // same tag, so it replaces itself rather than goes missing.
  if (latest > alerts.since) await saveNewMailAlerts(db, { ...alerts, since: latest });
}

/** One message: its sender, subject and preview. Several: how many, and the newest by sender and subject. */
function describeMail(unread: readonly MessageRow[], words: AlertWords): { title: string; body: string } {
  const sender = (m: MessageRow) => m.from?.name || m.from?.email || words.unknownSender;
  const subject = (m: MessageRow) => m.subject || words.noSubject;
  const m = unread[0]!;
  if (unread.length === 1) return { title: sender(m), body: m.preview ? `${subject(m)}\n${m.preview}` : subject(m) };
  return {
    title: words.many(unread.length),
    body: unread
      .slice(0, NAMED)
      .map((n) => `${sender(n)}: ${subject(n)}`)
      .join('\n'),
  };
}

/**
 * Runs after each pass the worker reports, in every window of the app. Notifications go through
 * the worker's registration, so a click reaches the worker (src/sw/sw.ts) even after this window
 * has closed; a window in the background or minimised tells of the mail, one on screen clears.
 */
export async function afterPass(db: MailDB): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const t = currentTranslator();
  await tellOfNewMail(
    db,
    {
      watching: () => document.visibilityState === 'visible',
      show: (title, options) => registration.showNotification(title, options),
      closeAll: async () => (await registration.getNotifications()).forEach((n) => n.close()),
    },
    {
      noSubject: t.t('list.noSubject'),
      unknownSender: t.t('list.noSender'),
      many: (count) => t.t('notify.many', { count }),
    },
  );
}
