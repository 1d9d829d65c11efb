import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../../src/server/app.js';
import { PWA_EWS_PATH } from '../../../src/server/pwa-endpoint.js';
import { openMailbox } from '../../../src/server/mailbox/index.js';

/** What reached `POST /ews`, counted at the server: SOAP bodies in bytes, as they crossed loopback. */
export interface EwsCounters {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  /** Wall time spent answering them, summed (ms); overlapping requests count twice. */
  serverMs: number;
}

export interface BenchServer {
  url: string;
  /** A snapshot of the counters so far. */
  counters(): EwsCounters;
  close(): Promise<void>;
}

/**
 * The Tern server as `npm start` runs it (the embedded mailbox behind `createApp`, over HTTP on
 * loopback), serving the bench page as its app, with every `/ews` exchange counted. The request
 * budget is lifted so the figures measure the engine, the codec and the mailbox rather than the
 * throttle, which has its own tests.
 */
export async function startBenchServer(dataDir: string, pageDir: string): Promise<BenchServer> {
  const mailbox = openMailbox({ dataDir, throttle: { burst: 1e9, rechargePerSecond: 1e9 } });
  const app = createApp({ mailbox, distDir: pageDir, log: (m, e) => console.error(m, e) });
  const counters: EwsCounters = { requests: 0, bytesIn: 0, bytesOut: 0, serverMs: 0 };

  // HTTP/1.1 only, so the bindings are always HttpBindings.
  const fetch = async (req: Request, bindings: HttpBindings | Http2Bindings): Promise<Response> => {
    const env = bindings as HttpBindings;
    if (req.method !== 'POST' || new URL(req.url).pathname !== PWA_EWS_PATH) return app.fetch(req, env);
    const t0 = performance.now();
    const length = req.headers.get('content-length');
    const bytesIn = length === null ? (await req.clone().arrayBuffer()).byteLength : Number(length);
    const res = await app.fetch(req, env);
    // The app answers SOAP as a whole string; buffering it here costs a copy and nothing else.
    const body = new Uint8Array(await res.arrayBuffer());
    counters.requests++;
    counters.bytesIn += bytesIn;
    counters.bytesOut += body.byteLength;
    counters.serverMs += performance.now() - t0;
    return new Response(body, res);
  };

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    s.once('error', reject);
    s.once('listening', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counters: () => ({ ...counters }),
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      mailbox.close();
    },
  };
}
