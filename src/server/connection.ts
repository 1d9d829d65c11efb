import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { isIP } from 'node:net';

/** The app's environment: the Node request and response when served by @hono/node-server. */
export type Env = { Bindings: Partial<HttpBindings> };

/** What `clientAddress` says for `app.request()` calls, which have no socket. */
export const IN_PROCESS = 'in-process';

/**
 * The peer's IP address. Forwarding headers (X-Forwarded-For…) are ignored: nothing says which
 * proxy to trust, and a client could otherwise pick its own address for the login limiter.
 */
export function clientAddress(c: Context<Env>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? IN_PROCESS;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms, and for in-process calls. */
export function isLoopback(c: Context<Env>): boolean {
  const address = clientAddress(c);
  if (address === IN_PROCESS) return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/** Thrown to end a request with no answer; the app's error handler lets it through. */
export class DroppedConnection extends Error {
  override name = 'DroppedConnection';
  constructor() {
    super('the connection was dropped on purpose (fault injection)');
  }
}

/**
 * Ends the request without an answer: on a socket, the connection is destroyed (the client sees a
 * reset); in process, `app.request()` rejects, which is what `fetch` does on a network error.
 */
export function dropConnection(c: Context<Env>): never {
  c.env?.incoming?.socket?.destroy();
  throw new DroppedConnection();
}
