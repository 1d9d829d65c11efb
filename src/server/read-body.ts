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
 * Reads a body as UTF-8 text, holding at most `limit` bytes in memory: a declared Content-Length
 * over the limit is refused before reading anything, and a body without one (chunked) is cut off
 * as soon as it passes the limit.
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  contentLength?: string | null,
): Promise<string> {
  return decodeUtf8(await readBytes(body, limit, contentLength));
}

/** As `readBody`, but the bytes as they came (a byte order mark included), once checked to be UTF-8. */
export async function readBytes(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  contentLength?: string | null,
): Promise<Buffer> {
  if (contentLength != null && contentLength !== '' && Number(contentLength) > limit) {
    await body?.cancel().catch(() => {});
    throw new BodyTooLarge(limit);
  }
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks, size);
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
