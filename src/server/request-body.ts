import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { Env } from './connection.js';
import { BodyTooLarge, decodeUtf8, readBody } from './read-body.js';

/**
 * A request's body as UTF-8 text, at most `limit` bytes (see `readBody`). On a socket it reads the
 * Node stream directly: going through the web `Request.body` would make @hono/node-server build a
 * full WHATWG Request and stream for every SOAP call, which costs more than the proxying itself.
 */
export function readRequestBody(c: Context<Env>, limit: number): Promise<string> {
  const length = c.req.header('content-length');
  const incoming = c.env?.incoming;
  return incoming ? readIncoming(incoming, limit, length) : readBody(c.req.raw.body, limit, length);
}

function readIncoming(incoming: IncomingMessage, limit: number, contentLength: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (contentLength !== undefined && contentLength !== '' && Number(contentLength) > limit)
      return reject(new BodyTooLarge(limit));
    // Someone else read it (a bug): fail now rather than wait for data that will never come.
    if (incoming.readableDidRead || incoming.readableEnded)
      return reject(new Error('the request body was already read'));
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      // Left unread; @hono/node-server drains a bounded amount after the answer, then closes.
      incoming.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        reject(new BodyTooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve(decodeUtf8(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
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
