import type { OofSettings } from '../../../ews/index.js';
import type { Db } from '../store/database.js';
import { folderByDistinguished } from '../store/folders.js';
import { hasReplied, markReplied, oofSettings } from '../store/oof.js';
import { insertOutgoing } from '../store/outgoing.js';
import { userByAddress } from '../store/users.js';
import type { Addr, UserRow } from '../store/rows.js';
import { composeMime } from '../mime/compose.js';
import { readHeaders } from '../mime/headers.js';
import { parseMime } from '../mime/parse.js';
import { messageFromMime, newMessageId, type NewMessage } from './new-message.js';
import { saveMessage } from './save.js';

/** Whether the replies are on at `now`: Enabled, or Scheduled and within its time. */
export function oofActive(s: OofSettings, now: number): boolean {
  if (s.oofState === 'Enabled') return true;
  if (s.oofState !== 'Scheduled' || !s.duration) return false;
  return Date.parse(s.duration.startTime) <= now && now < Date.parse(s.duration.endTime);
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

// Addresses no person reads (RFC 3834 §2: never answer a bounce or a robot).
const ROBOT = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+\-._@]|$)/i;

/**
 * Mail that must not be answered automatically (RFC 3834 §2): an automatic message itself, a
 * mailing list's or bulk mail, mail that asks for no automatic answer (Exchange's
 * X-Auto-Response-Suppress), mail that does not name the user in To or Cc.
 */
function unanswerable(msg: NewMessage, user: UserRow): boolean {
  for (const { name, value } of readHeaders(msg.values.mime)) {
    const n = name.toLowerCase();
    const v = value.toLowerCase();
    if (n === 'auto-submitted' && v !== 'no') return true;
    if (n === 'precedence' && /^(bulk|list|junk)$/.test(v)) return true;
    if (n === 'list-id' || n === 'list-unsubscribe') return true;
    if (n === 'x-auto-response-suppress' && /\b(all|oof)\b/.test(v)) return true;
  }
  const named = [msg.values.to_json, msg.values.cc_json].flatMap((j) => JSON.parse(j) as Addr[]);
  return !named.some((a) => a.email.toLowerCase() === user.address.toLowerCase());
}

/** The reply this sender gets, or none: colleagues (this domain) the internal one, others the external one if allowed. */
function replyFor(s: OofSettings, user: UserRow, sender: string): string | undefined {
  const internal = domainOf(sender) === domainOf(user.address);
  // "Known" means the senders in the user's contacts, and the contacts folders here hold none.
  const text = internal ? s.internalReply : s.externalAudience === 'All' ? s.externalReply : undefined;
  return text?.trim() ? text : undefined;
}

/**
 * After `user` received `msg` (call inside the `db.write` that delivered it): when their automatic
 * replies are on, the sender gets one, once while they stay as set, after the delivery commits.
 * Nothing here can fail the delivery: a reply that cannot be made is left out. Returns the reply
 * on its way, or undefined when there is none to send.
 */
export function answerAbsence(db: Db, user: UserRow, msg: NewMessage, now: number): Promise<void> | undefined {
  const settings = oofSettings(db, user.id);
  if (!oofActive(settings, now)) return undefined;
  const sender = msg.values.from_addr?.trim();
  if (!sender || !sender.includes('@') || ROBOT.test(sender)) return undefined;
  if (sender.toLowerCase() === user.address.toLowerCase() || hasReplied(db, user.id, sender)) return undefined;
  if (unanswerable(msg, user)) return undefined;
  const text = replyFor(settings, user, sender);
  if (text === undefined) return undefined;
  const original = { subject: msg.values.subject, messageId: msg.values.internet_message_id ?? undefined };
  return new Promise((resolve) =>
    db.afterCommit(() => void sendReply(db, user, sender, text, original, now).then(resolve, () => resolve())),
  );
}

async function sendReply(
  db: Db,
  user: UserRow,
  sender: string,
  text: string,
  original: { subject: string; messageId: string | undefined },
  now: number,
): Promise<void> {
  // Outlook writes the replies as HTML; one typed elsewhere is text.
  const html = /^\s*</.test(text);
  const mime = await composeMime({
    from: { name: user.name, email: user.address },
    to: [{ email: sender }],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: `Automatic reply: ${original.subject}`,
    ...(html ? { html: text } : { text }),
    date: now,
    messageId: newMessageId(domainOf(user.address)),
    inReplyTo: original.messageId,
    references: original.messageId,
    importance: 'Normal',
    // RFC 3834: marked as automatic, so that no other robot answers it (Exchange adds the second).
    headers: [
      { name: 'Auto-Submitted', value: 'auto-replied' },
      { name: 'X-Auto-Response-Suppress', value: 'All' },
    ],
    attachments: [],
  });
  const reply = messageFromMime(await parseMime(mime), mime, { received: now, now, isRead: false, isDraft: false });
  db.write(() => {
    // Another delivery may have answered this sender while the reply was composed.
    if (!markReplied(db, user.id, sender)) return;
    const local = userByAddress(db, sender);
    const inbox = local && folderByDistinguished(db, local.id, 'inbox');
    if (local && inbox) saveMessage(db, local.id, inbox.id, reply, now);
    else
      insertOutgoing(db, {
        userId: user.id,
        sender: user.address,
        recipients: [sender],
        subject: reply.values.subject,
        mime,
        at: now,
      });
  });
}
