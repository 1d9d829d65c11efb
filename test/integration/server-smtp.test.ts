import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncFolderItems, decodeResponse, encodeRequest } from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import { startSmtp } from '../../src/server/smtp.js';

// A real SMTP client (nodemailer) hands mail to the server's SMTP port; the next SyncFolderItems
// through either HTTP endpoint shows it.
let mailbox: Mailbox;
let http: Listening;
let smtp: { port: number; close(): Promise<void> };
let cookie: string;

beforeAll(async () => {
  mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 30 });
  http = await listen(createApp({ mailbox }), { port: 0, host: '127.0.0.1' });
  smtp = await startSmtp(mailbox, { port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${http.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: http.url },
    body: JSON.stringify({ username: 'ada@tern.test', password: 'demo' }),
  });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await smtp.close();
  await http.close();
  mailbox.close();
});

type Endpoint = (soap: string) => Promise<string>;

const viaPwa: Endpoint = async (soap) => {
  const res = await fetch(`${http.url}/ews`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/xml; charset=utf-8', 'x-tern-client': '1', origin: http.url },
    body: soap,
  });
  expect(res.status).toBe(200);
  return res.text();
};
const viaExchange: Endpoint = async (soap) => {
  const res = await fetch(`${http.url}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('ada@tern.test:demo').toString('base64')}`,
      'content-type': 'text/xml; charset=utf-8',
    },
    body: soap,
  });
  expect(res.status).toBe(200);
  return res.text();
};

/** Ada's Inbox changes since `state` (all of it when absent), with subjects. */
async function sync(send: Endpoint, state?: string) {
  const changes = [];
  for (;;) {
    const xml = await send(
      encodeRequest(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
        syncFolderId: { distinguished: 'inbox' },
        maxChangesReturned: 512,
        ...(state ? { syncState: state } : {}),
      }),
    );
    const [m] = decodeResponse(SyncFolderItems, xml).messages;
    expect(m!.responseClass).toBe('Success');
    changes.push(...(m!.changes ?? []));
    state = m!.syncState!;
    if (m!.includesLastItemInRange) return { changes, state };
  }
}

function subjects(changes: Awaited<ReturnType<typeof sync>>['changes']) {
  return changes.map((c) => (c.type === 'Create' || c.type === 'Update' ? `${c.type} ${c.item.subject}` : c.type));
}

describe('SMTP ingress', () => {
  it.each([
    ['/ews', viaPwa],
    ['/EWS/Exchange.asmx', viaExchange],
  ] as const)('delivers mail that shows up in the next sync through %s', async (_name, send) => {
    const before = await sync(send);
    const subject = `Minutes from the board meeting ${Math.random().toString(36).slice(2)}`;
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: 'Grace Hopper <grace@example.org>',
      to: 'ada@tern.test',
      subject,
      text: 'The minutes are attached in spirit.',
    });
    expect(info.accepted).toEqual(['ada@tern.test']);
    const after = await sync(send, before.state);
    expect(subjects(after.changes)).toEqual([`Create ${subject}`]);
  });

  it('refuses a recipient the mailbox does not have, and delivers nothing', async () => {
    const before = await sync(viaExchange);
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      transport.sendMail({ from: 'grace@example.org', to: 'nobody@tern.test', subject: 'Lost', text: 'x' }),
    ).rejects.toThrow(/550|nobody@tern\.test/);
    expect((await sync(viaExchange, before.state)).changes).toEqual([]);
  });
});
