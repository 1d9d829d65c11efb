import { decodeResponse, encodeRequest, GetAttachment } from '../ews/index.js';
import { readThrottle } from '../sync/backoff.js';
import { fetchTransport, TransportError } from '../sync/transport.js';
import { openMailDB } from '../db/index.js';

const transport = fetchTransport('/ews');

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

// Types a browser could render or run from our origin are downloaded as bytes (SECURITY.md §2.5).
const ACTIVE = /html|xml|svg|javascript|ecmascript|json|text\//i;

function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * `GET /attachments/<id>?name=…`: the page's download link. The worker fetches the attachment with
 * GetAttachment (the page never talks SOAP) and answers it as a download: never inline, never
 * sniffed, sandboxed if opened anyway. Obeys the shared back-off like every other request.
 */
export async function downloadAttachment(url: URL): Promise<Response> {
  const id = decodeURIComponent(url.pathname.slice('/attachments/'.length));
  if (!id) return refuse(404, 'No such attachment.');
  const db = openMailDB();
  try {
    const throttle = await readThrottle(db);
    if (throttle && throttle.until > Date.now()) return refuse(503, 'The server asked us to wait; try again shortly.');
  } finally {
    db.close();
  }
  let xml: string;
  try {
    xml = await transport(encodeRequest(GetAttachment, { attachmentIds: [id] }));
  } catch (err) {
    const status = err instanceof TransportError && err.kind === 'auth' ? 401 : 503;
    return refuse(status, err instanceof Error ? err.message : 'The server could not be reached.');
  }
  const message = decodeResponse(GetAttachment, xml).messages[0];
  const attachment = message?.attachments?.[0];
  if (!message || message.responseClass !== 'Success' || !attachment?.content)
    return refuse(404, message?.messageText ?? 'The attachment is not on the server any more.');
  const name = url.searchParams.get('name') || attachment.name || 'attachment';
  const type =
    attachment.contentType && !ACTIVE.test(attachment.contentType)
      ? attachment.contentType
      : 'application/octet-stream';
  return new Response(base64Bytes(attachment.content), {
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    },
  });
}
