import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetFolder, encodeRequest } from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { tinyMailbox } from '../../src/server/testing/tiny-mailbox.js';

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

let server: Listening;
beforeAll(async () => {
  server = await listen(createApp({ mailbox: tinyMailbox() }), { port: 0, host: '127.0.0.1' });
});
afterAll(() => server.close());

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
