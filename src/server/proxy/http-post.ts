import { isUtf8 } from 'node:buffer';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { formatBytes } from '../read-body.js';
import { UpstreamFailure } from './upstream-failure.js';

/** An HTTP answer read in full: its body as the bytes that came, checked to be UTF-8. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
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

interface Target {
  send: typeof httpRequest;
  options: RequestOptions;
  host: string;
}

// The upstream URL is fixed for the life of the app: work out once how to reach it.
const targets = new WeakMap<URL, Target>();

function targetOf(url: URL): Target {
  let target = targets.get(url);
  if (!target) {
    const https = url.protocol === 'https:';
    const { protocol, hostname, port, path } = urlToHttpOptions(url);
    target = {
      send: https ? httpsRequest : httpRequest,
      options: { protocol, hostname, port, path, method: 'POST', agent: agents[https ? 'https:' : 'http:'] },
      host: url.host,
    };
    targets.set(url, target);
  }
  return target;
}

/**
 * POSTs `body` with exactly `headers` (and Host and Content-Length) and reads the answer within the
 * limits. Node's http client never follows redirects, so a 3xx comes back as it is.
 */
export function httpPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  limits: HttpPostLimits,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(body, 'utf8');
    const target = targetOf(url);
    // Headers as a list are written as given: Node skips building and re-reading a header map.
    const list = ['host', target.host, 'content-length', String(payload.length)];
    for (const name in headers) list.push(name, headers[name]!);
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
    const total = setTimeout(
      () =>
        fail(
          new UpstreamFailure('timeout', `the mail server did not answer within ${seconds(limits.responseTimeoutMs)}`),
        ),
      limits.responseTimeoutMs,
    );
    const req = target.send({ ...target.options, headers: list });
    req.on('socket', (socket) => {
      // A kept-alive socket is connected already; only a new one needs the connect timeout.
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
      const tooLarge = () =>
        new UpstreamFailure(
          'too-large',
          `the mail server's answer is larger than ${formatBytes(limits.maxResponseBytes)}`,
        );
      if (Number(res.headers['content-length']) > limits.maxResponseBytes) return fail(tooLarge());
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
        // Passed on as bytes: decoding and encoding again would copy a 47 MB attachment twice.
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
        if (!isUtf8(bytes)) return fail(new UpstreamFailure('not-text', "the mail server's answer is not UTF-8 text"));
        finish();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes });
      });
    });
    limits.signal?.addEventListener('abort', onClientGone, { once: true });
    req.end(payload);
  });
}

const seconds = (ms: number) => `${ms / 1000} s`;
