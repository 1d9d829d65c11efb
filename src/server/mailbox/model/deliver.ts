import type { Db } from '../store/database.js';
import { dropHeaders, prependHeader } from '../mime/headers.js';
import { parseMime } from '../mime/parse.js';
import { folderByDistinguished } from '../store/folders.js';
import { userByAddress } from '../store/users.js';
import { answerAbsence } from './auto-reply.js';
import { messageFromMime } from './new-message.js';
import { saveMessage } from './save.js';

/**
 * Delivers a MIME message (SMTP ingress) to the Inbox of each local recipient, unread. Returns
 * the addresses that took it; others are left to the caller (SMTP rejects them at RCPT TO).
 */
export async function deliverMime(
  db: Db,
  source: Buffer,
  recipients: readonly string[],
  now: number,
  envelopeFrom?: string,
): Promise<string[]> {
  let raw = dropHeaders(source, ['Bcc']);
  if (envelopeFrom !== undefined)
    raw = prependHeader(dropHeaders(raw, ['Return-Path']), 'Return-Path', `<${envelopeFrom}>`);
  const parsed = await parseMime(raw);
  const msg = messageFromMime(parsed, raw, { received: now, now, isRead: false, isDraft: false });
  msg.values.bcc_json = '[]';
  return db.write(() => {
    const taken: string[] = [];
    const seen = new Set<number>();
    for (const address of recipients) {
      const user = userByAddress(db, address);
      const inbox = user && folderByDistinguished(db, user.id, 'inbox');
      if (!user || !inbox) continue;
      if (!seen.has(user.id)) {
        saveMessage(db, user.id, inbox.id, msg, now);
        answerAbsence(db, user, msg, now);
      }
      seen.add(user.id);
      taken.push(address);
    }
    return taken;
  });
}
