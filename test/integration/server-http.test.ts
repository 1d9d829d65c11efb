import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetFolder, GetItem, encodeRequest } from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import { testMailbox } from '../../src/server/testing/test-mailbox.js';

/** One raw HTTP/1.1 exchange, so header bytes are seen exactly as a client sees them. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const header = (rawHeaders: string[], name: string) =>
  rawHeaders.filter((_, i) => i % 2 === 1 && rawHeaders[i - 1]!.toLowerCase() === name);

const getInbox = encodeRequest(GetFolder, {
  folderShape: { baseShape: 'IdOnly' },
  folderIds: [{ distinguished: 'inbox' }],
});
const basic = `Basic ${Buffer.from('demo@tern.test:demo').toString('base64')}`;

let mailbox: Mailbox;
let server: Listening;
beforeAll(async () => {
  mailbox = testMailbox();
  server = await listen(createApp({ mailbox }), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  mailbox.close();
});

describe('the Tern server on a socket', () => {
  it('sends Content-Type "text/xml; charset=utf-8" byte for byte on every EWS answer', async () => {
    const answers = await Promise.all([
      raw(`${server.url}/EWS/Exchange.asmx`, { method: 'GET' }),
      raw(`${server.url}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: getInbox,
      }),
      raw(`${server.url}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'text/xml; charset=UTF-8' },
        body: getInbox,
      }),
      raw(`${server.url}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'text/xml' },
        body: '<nope',
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 200, 500]);
    for (const a of answers) expect(header(a.rawHeaders, 'content-type')).toEqual(['text/xml; charset=utf-8']);
    expect(header(answers[0]!.rawHeaders, 'www-authenticate')).toEqual(['Basic realm="Tern"']);
  });

  it('answers DavMail’s flow: an unauthenticated POST, then the same POST with credentials', async () => {
    const first = await raw(`${server.url}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
      body: getInbox,
    });
    expect(first.status).toBe(401);
    const second = await raw(`${server.url}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'text/xml; charset=UTF-8' },
      body: getInbox,
    });
    expect(second.status).toBe(200);
    expect(second.body).toContain('GetFolderResponseMessage ResponseClass="Success"');
  });

  it('refuses an oversized declared body with 413 on the socket', async () => {
    const res = await raw(`${server.url}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'text/xml', 'content-length': String(40 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain('ErrorMessageSizeExceeded');
  });
});

/**
 * Sends `head`, then `chunk` over and over (chunked, up to 50 MB), until the server answers:
 * its status and words, and how much was sent by then.
 */
function sendUntilAnswered(
  url: string,
  head: string,
  chunk: Buffer,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    // A connection of its own: another test left one whose declared body never came.
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { authorization: basic, 'content-type': 'text/xml', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body, sent });
        req.destroy();
      });
    });
    req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
    req.write(head);
    const pump = () => {
      while (sent < 50 * 1024 * 1024 && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

describe('a chunked body over the limit', () => {
  it('is cut off with 413 as soon as it passes the limit', async () => {
    const small = await listen(createApp({ mailbox, maxRequestBytes: 64 * 1024 }), { port: 0, host: '127.0.0.1' });
    try {
      const answer = await sendUntilAnswered(`${small.url}/EWS/Exchange.asmx`, '', Buffer.alloc(16 * 1024, '<'));
      expect(answer.status).toBe(413);
      expect(answer.sent).toBeLessThan(50 * 1024 * 1024);
    } finally {
      await small.close();
    }
  });

  it('is cut off near 1 MB when its operation is not one that carries messages or files', async () => {
    const getItem = encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: 'AAMkAD' }] });
    const head = getItem.slice(0, getItem.indexOf('<t:ItemId'));
    const ids = Buffer.from(`<t:ItemId Id="AAMkAD${'0'.repeat(150)}" ChangeKey="CQAAABYAAAA"/>`.repeat(100));
    const answer = await sendUntilAnswered(`${server.url}/EWS/Exchange.asmx`, head, ids);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('A GetItem request is larger than 1 MB');
    expect(answer.sent).toBeLessThan(50 * 1024 * 1024);
  });
});
