import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindItem, GetItem, decodeResponse, encodeRequest } from '../ews/index.js';
import { openMailbox } from './mailbox/index.js';
import type { Mailbox } from './mailbox/mailbox.js';
import { startSmtp, type SmtpListening } from './smtp.js';

let mailbox: Mailbox;
let smtp: SmtpListening;
const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

async function inbox(user: string) {
  const found = decodeResponse(
    FindItem,
    (
      await mailbox.handle(
        user,
        encodeRequest(FindItem, {
          traversal: 'Shallow',
          itemShape: { baseShape: 'IdOnly' },
          parentFolderIds: [{ distinguished: 'inbox' }],
        }),
      )
    ).body,
  ).messages[0]!.rootFolder!.items;
  if (!found.length) return [];
  const got = decodeResponse(
    GetItem,
    (
      await mailbox.handle(
        user,
        encodeRequest(GetItem, {
          itemShape: { baseShape: 'Default', bodyType: 'Text' },
          itemIds: found.map((i) => i.itemId!),
        }),
      )
    ).body,
  );
  return got.messages.map((m) => m.items![0]!);
}

beforeAll(async () => {
  mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
  smtp = await startSmtp(mailbox, { port: 0, maxBytes: 64 * 1024 });
});
afterAll(async () => {
  await smtp.close();
  mailbox.close();
});

describe('SMTP ingress', () => {
  it('delivers into local Inboxes and refuses unknown recipients at RCPT TO', async () => {
    const info = await transport().sendMail({
      from: 'Someone <someone@example.com>',
      to: ['demo@tern.test', 'nobody@tern.test'],
      cc: 'ada@tern.test',
      subject: 'Over SMTP',
      text: 'Delivered by the SMTP ingress.',
    });
    expect(info.accepted).toEqual(['demo@tern.test', 'ada@tern.test']);
    expect(info.rejected).toEqual(['nobody@tern.test']);
    for (const user of ['demo@tern.test', 'ada@tern.test']) {
      const items = await inbox(user);
      expect(items.map((i) => [i.subject, i.from?.emailAddress, i.isRead])).toEqual([
        ['Over SMTP', 'someone@example.com', false],
      ]);
      expect(items[0]!.body?.value).toContain('Delivered by the SMTP ingress.');
    }
  });

  it('refuses a message with no local recipient, and one over the size limit', async () => {
    await expect(
      transport().sendMail({ from: 'a@example.com', to: 'nobody@tern.test', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550/);
    await expect(
      transport().sendMail({
        from: 'a@example.com',
        to: 'demo@tern.test',
        subject: 'Too big',
        text: 'x'.repeat(100 * 1024),
      }),
    ).rejects.toThrow(/552/);
    expect((await inbox('demo@tern.test')).map((i) => i.subject)).not.toContain('Too big');
  });
});
