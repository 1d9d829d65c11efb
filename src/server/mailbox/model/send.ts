import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { dropHeaders } from '../mime/headers.js';
import { folderByDistinguished } from '../store/folders.js';
import { insertOutgoing } from '../store/outgoing.js';
import { userByAddress } from '../store/users.js';
import type { Addr, FolderRow } from '../store/rows.js';
import type { NewMessage } from './new-message.js';
import { answerAbsence } from './auto-reply.js';
import { saveMessage } from './save.js';

/**
 * Sends a message (call inside `db.write`, so delivery, the outgoing log and the Sent copy
 * happen together or not at all): a copy in each local recipient's Inbox, the rest captured in
 * the outgoing log (never relayed), and the sender's copy in `saveTo` unless SendOnly.
 * Recipients never see Bcc. Extended properties travel with internal mail, as they do inside
 * an Exchange organisation.
 */
export function sendMessage(ctx: Ctx, msg: NewMessage, saveTo: FolderRow | null): void {
  const v = msg.values;
  const all = [v.to_json, v.cc_json, v.bcc_json].flatMap((j) => JSON.parse(j) as Addr[]);
  const recipients = [...new Map(all.map((a) => [a.email.toLowerCase(), a.email])).values()];
  if (!recipients.length) throw new EwsFail('ErrorInvalidRecipients', 'The message has no recipients.');
  const mime = dropHeaders(v.mime, ['Bcc']);
  const external: string[] = [];
  for (const address of recipients) {
    const user = userByAddress(ctx.db, address);
    const inbox = user && folderByDistinguished(ctx.db, user.id, 'inbox');
    if (!user || !inbox) {
      external.push(address);
      continue;
    }
    const delivered: NewMessage = {
      ...msg,
      values: {
        ...v,
        is_read: 0,
        is_draft: 0,
        received: ctx.now,
        sent: ctx.now,
        created: ctx.now,
        modified: ctx.now,
        bcc_json: '[]',
        flag_status: 0,
        flag_start: null,
        flag_due: null,
        flag_complete: null,
        categories: '[]',
        mime,
        size: mime.length,
      },
    };
    saveMessage(ctx.db, user.id, inbox.id, delivered, ctx.now);
    answerAbsence(ctx.db, user, delivered, ctx.now);
  }
  if (external.length)
    insertOutgoing(ctx.db, {
      userId: ctx.user.id,
      sender: v.from_addr ?? ctx.user.address,
      recipients: external,
      subject: v.subject,
      mime,
      at: ctx.now,
    });
  if (saveTo)
    saveMessage(
      ctx.db,
      ctx.user.id,
      saveTo.id,
      { ...msg, values: { ...v, is_read: 1, is_draft: 0, received: ctx.now, sent: ctx.now, modified: ctx.now } },
      ctx.now,
    );
}
