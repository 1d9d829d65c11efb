import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { Env } from './connection.js';
import { BodyCollector, decodeUtf8, readBody, type BodyLimit } from './read-body.js';

/**
 * A request's body as UTF-8 text, within `limit` (see `BodyCollector`). On a socket it reads the
 * Node stream directly: going through the web `Request.body` would make @hono/node-server build a
 * full WHATWG Request and stream for every SOAP call, which costs more than the proxying itself.
 */
export function readRequestBody(c: Context<Env>, limit: BodyLimit): Promise<string> {
  const length = c.req.header('content-length');
  const incoming = c.env?.incoming;
  return incoming ? readIncoming(incoming, limit, length) : readBody(c.req.raw.body, limit, length);
}

function readIncoming(incoming: IncomingMessage, limit: BodyLimit, contentLength: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    let collector: BodyCollector;
    try {
      collector = new BodyCollector(limit, contentLength);
    } catch (e) {
      return reject(e);
    }
    // Someone else read it (a bug): fail now rather than wait for data that will never come.
    if (incoming.readableDidRead || incoming.readableEnded)
      return reject(new Error('the request body was already read'));
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      // Left unread; @hono/node-server drains a bounded amount after the answer, then closes.
      incoming.pause();
    };
    const onData = (chunk: Buffer) => {
      try {
        collector.add(chunk);
      } catch (e) {
        stop();
        reject(e);
      }
    };
    const onEnd = () => {
      stop();
      try {
        resolve(decodeUtf8(collector.bytes()));
      } catch (e) {
        reject(e);
      }
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
