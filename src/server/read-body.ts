import { isUtf8 } from 'node:buffer';

/** A body larger than allowed; `limit` is in bytes. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(readonly limit: number) {
    super(`the body is larger than ${formatBytes(limit)}`);
  }
}

/** A body that is not UTF-8 text. */
export class BodyNotText extends Error {
  override name = 'BodyNotText';
}

// Stateless between calls (no `stream` option), so one serves every body.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How many bytes of a body to take. A number is the limit. With `widen`, a body that passes
 * `bytes` shows its first bytes to `widen.to` once, and may go on up to the limit that answers
 * (at most `widen.max`): a SOAP request names its operation near its start, and only the
 * operations that carry a message or a file need room for one.
 */
export type BodyLimit = number | { bytes: number; widen: { max: number; to(head: Buffer): number } };

/**
 * Collects a body's chunks within a `BodyLimit`, holding at most the limit and one chunk: throws
 * `BodyTooLarge` for a declared length over the most any body may have, before anything is read,
 * and as soon as the bytes pass the limit.
 */
export class BodyCollector {
  private chunks: Buffer[] = [];
  private size = 0;
  private limit: number;
  private widen: Exclude<BodyLimit, number>['widen'] | undefined;

  constructor(rule: BodyLimit, contentLength?: string | null) {
    this.limit = typeof rule === 'number' ? rule : rule.bytes;
    this.widen = typeof rule === 'number' ? undefined : rule.widen;
    const most = this.widen ? Math.max(this.limit, this.widen.max) : this.limit;
    if (contentLength != null && contentLength !== '' && Number(contentLength) > most) throw new BodyTooLarge(most);
  }

  add(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunks.push(bytes);
    this.size += bytes.length;
    if (this.size <= this.limit) return;
    if (this.widen) {
      const head = this.bytes();
      this.chunks = [head];
      this.limit = Math.min(Math.max(this.limit, this.widen.to(head)), this.widen.max);
      this.widen = undefined;
      if (this.size <= this.limit) return;
    }
    this.chunks = [];
    throw new BodyTooLarge(this.limit);
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
  }
}

/** Reads a body as UTF-8 text within `limit` (see `BodyCollector`). */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  limit: BodyLimit,
  contentLength?: string | null,
): Promise<string> {
  return decodeUtf8(await readBytes(body, limit, contentLength));
}

/** As `readBody`, but the bytes as they came (a byte order mark included), once checked to be UTF-8. */
export async function readBytes(
  body: ReadableStream<Uint8Array> | null,
  limit: BodyLimit,
  contentLength?: string | null,
): Promise<Buffer> {
  let collector: BodyCollector;
  try {
    collector = new BodyCollector(limit, contentLength);
  } catch (e) {
    await body?.cancel().catch(() => {});
    throw e;
  }
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      collector.add(value);
    } catch (e) {
      await reader.cancel().catch(() => {});
      throw e;
    }
  }
  const bytes = collector.bytes();
  if (!isUtf8(bytes)) throw new BodyNotText('the body is not valid UTF-8 text');
  return bytes;
}

/** UTF-8 bytes as text (a leading byte order mark dropped), or `BodyNotText`. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new BodyNotText('the body is not valid UTF-8 text');
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
