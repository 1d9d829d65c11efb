import { createHash } from 'node:crypto';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import { mimeMessage } from '../../src/server/testing/seed-attachments.js';

/** An email forwarded as an attachment (message/rfc822), as Outlook and Thunderbird send one. */
const INNER = [
  'From: Bob <bob@example.org>',
  'To: Ada <ada@tern.test>',
  'Subject: Plan B',
  'Message-ID: <plan-b@example.org>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Just in case.',
].join('\r\n');

export const ATTACHED_EMAIL = {
  subject: 'Plan B',
  text: 'Just in case.',
  sender: 'bob@example.org',
  sha256: createHash('sha256').update(INNER).digest('hex'),
};

/** Puts a message carrying the attached email in the demo user's Inbox, before any client runs. */
export async function deliverAttachedEmail(mailbox: Mailbox): Promise<void> {
  const outer = mimeMessage({
    from: 'Ada <ada@tern.test>',
    to: '<demo@tern.test>',
    subject: 'An email attached',
    text: 'Forwarded as an attachment.',
    files: [{ name: 'Plan B.eml', type: 'message/rfc822', bytes: new TextEncoder().encode(INNER) }],
  });
  await mailbox.deliver(outer, ['demo@tern.test'], 'ada@tern.test');
}
