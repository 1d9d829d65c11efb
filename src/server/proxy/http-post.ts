import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatBytes } from '../read-body.js';
import { UpstreamFailure } from './upstream-failure.js';

/** An HTTP answer read in full. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpPostLimits {
  connectTimeoutMs: number;
  /** For the whole exchange, from the first byte sent to the last byte read. */
  responseTimeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

// Keep-alive connections to the one upstream: a sync pass is tens of requests in a row, and a new
// TCP (and TLS) handshake for each would cost more than the proxying itself.
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64, noDelay: true }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64, noDelay: true }),
};

/**
 * POSTs `body` with exactly `headers` and reads the answer as UTF-8 text within the limits.
 * Node's http client never follows redirects, so a 3xx comes back as it is.
 */
export function httpPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  limits: HttpPostLimits,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(total);
      limits.signal?.removeEventListener('abort', onClientGone);
    };
    const fail = (e: UpstreamFailure) => {
      if (settled) return;
      finish();
      req.destroy();
      reject(e);
    };
    const onClientGone = () => fail(new UpstreamFailure('unreachable', 'the client went away'));
    const seconds = (ms: number) => `${ms / 1000} s`;
    const total = setTimeout(
      () =>
        fail(
          new UpstreamFailure('timeout', `the mail server did not answer within ${seconds(limits.responseTimeoutMs)}`),
        ),
      limits.responseTimeoutMs,
    );
    const req = send(url, {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': String(payload.length) },
    });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(
        () =>
          fail(
            new UpstreamFailure(
              'timeout',
              `could not connect to the mail server within ${seconds(limits.connectTimeoutMs)}`,
            ),
          ),
        limits.connectTimeoutMs,
      );
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      socket.once('close', () => clearTimeout(connectTimer));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      fail(new UpstreamFailure('unreachable', `the mail server could not be reached (${e.code ?? e.message})`)),
    );
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      const tooLarge = () =>
        new UpstreamFailure(
          'too-large',
          `the mail server's answer is larger than ${formatBytes(limits.maxResponseBytes)}`,
        );
      if (declared > limits.maxResponseBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxResponseBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      res.on('error', () => fail(new UpstreamFailure('unreachable', 'the mail server broke off its answer')));
      res.on('end', () => {
        if (settled) return;
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
        } catch {
          return fail(new UpstreamFailure('not-text', "the mail server's answer is not UTF-8 text"));
        }
        finish();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    limits.signal?.addEventListener('abort', onClientGone, { once: true });
    req.end(payload);
  });
}
