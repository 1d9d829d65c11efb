import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import type { Env } from './connection.js';

/** A running HTTP listener. */
export interface Listening {
  /** e.g. http://127.0.0.1:8080 (IPv6 hosts in brackets). */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, ends open keep-alive connections, resolves when closed. */
  close(): Promise<void>;
}

/** Serves `app` over HTTP/1.1 on `host:port` (port 0 picks a free one); resolves once listening. */
export function listen(app: Hono<Env>, { port, host }: { port: number; host: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shown}:${address.port}`,
        port: address.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
