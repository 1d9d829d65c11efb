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

/**
 * A request from this machine to this machine: the peer is 127.0.0.0/8 or ::1 (or their
 * IPv4-mapped forms, or an in-process call), the Host names a loopback address, and no proxy
 * forwarded it. The Host check stops a web page that points its own name at 127.0.0.1 (DNS
 * rebinding: the browser sends that name); the forwarding check stops a reverse proxy on this
 * machine from making every client on the network look local.
 */
export function isLoopback(c: Context<Env>): boolean {
  const address = clientAddress(c);
  if (address !== IN_PROCESS && !isLoopbackAddress(address.startsWith('::ffff:') ? address.slice(7) : address))
    return false;
  if (FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined)) return false;
  // The request's URL carries its Host header (in process, the URL it was called with).
  const name = new URL(c.req.url).hostname.replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || isLoopbackAddress(name);
}

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
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
