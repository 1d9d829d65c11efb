import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { Env } from '../../src/server/connection.js';
import { EXCHANGE_PATH } from '../../src/server/exchange-endpoint.js';
import { listen } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import type { SoapLog } from './soap-log.js';

export interface TernUnderTest {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** The EWS endpoint every client is pointed at. */
  ews: string;
  mailbox: Mailbox;
  close(): Promise<void>;
}

/**
 * The Tern server in mailbox mode, as `npm start` builds it (the real `createApp` over the real
 * mailbox with the default throttling), on a free loopback port with a fresh data directory, and
 * with every exchange at the EWS endpoint written to `log`: when a client breaks, the SOAP both
 * ways says why.
 */
export async function startTern(dataDir: string, seedMessages: number, log: SoapLog): Promise<TernUnderTest> {
  const mailbox = openMailbox({ dataDir, seedMessages, demoPassword: 'demo' });
  const app = createApp({
    mailbox,
    sessionSecret: randomBytes(32),
    log: (message, error) =>
      log.error(`${message} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const outer = new Hono<Env>();
  outer.all('*', async (c) => {
    const req = c.req.raw;
    if (new URL(req.url).pathname.toLowerCase() !== EXCHANGE_PATH.toLowerCase()) return app.fetch(req, c.env);
    // The app reads a POST body from the Node stream when it has one: read it here instead and
    // hand the app a Request that carries it (the peer is loopback either way).
    const request = req.method === 'POST' ? await req.text() : '';
    const copy = new Request(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.method === 'POST' ? { body: request } : {}),
    });
    const res = await app.fetch(copy, { ...c.env, incoming: undefined });
    const answer = await res.clone().text();
    log.record(req.headers.get('user-agent') ?? '(no User-Agent)', req.method, request, res.status, answer);
    return res;
  });
  const http = await listen(outer, { port: 0, host: '127.0.0.1' });
  return {
    url: http.url,
    ews: `${http.url}${EXCHANGE_PATH}`,
    mailbox,
    close: async () => {
      await http.close();
      mailbox.close();
    },
  };
}
