import { describeMailboxContract } from '../contract/mailbox-contract.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';

// The mailbox contract over HTTP: the Tern server on a real port, /EWS/Exchange.asmx with Basic
// auth as the transport, and the captured outgoing mail read from /admin/outgoing. Whatever the
// mailbox promises in process must survive the HTTP layer unchanged.
describeMailboxContract('Tern server over HTTP', async () => {
  const mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 200 });
  const server = await listen(createApp({ mailbox }), { port: 0, host: '127.0.0.1' });
  // Open a pool of keep-alive connections first, as a busy client has: concurrent calls then reach
  // the server together instead of trickling in behind TCP handshakes.
  await Promise.all(Array.from({ length: 32 }, () => fetch(`${server.url}/healthz`).then((r) => r.text())));
  return {
    async send(user, soap) {
      const res = await fetch(`${server.url}/EWS/Exchange.asmx`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${user}:demo`).toString('base64')}`,
          'content-type': 'text/xml; charset=utf-8',
        },
        body: soap,
      });
      const body = await res.text();
      if (res.status !== 200 && res.status !== 500) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
      if (res.headers.get('content-type') !== 'text/xml; charset=utf-8')
        throw new Error(`Content-Type is "${res.headers.get('content-type')}"`);
      return body;
    },
    async outgoing() {
      const res = await fetch(`${server.url}/admin/outgoing`);
      return ((await res.json()) as { messages: { to: string[]; subject: string }[] }).messages;
    },
    async close() {
      await server.close();
      mailbox.close();
    },
  };
});
