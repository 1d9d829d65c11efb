import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { listen, type Listening } from '../listen.js';
import { ORIGIN, signInCookie } from '../testing/http.js';
import { seedAttachments } from '../testing/seed-attachments.js';
import { recording, testMailbox, type RecordingMailbox } from '../testing/test-mailbox.js';

// The upstream is a second Tern app in mailbox mode on a real port, with its own fault queue.
let mailbox: RecordingMailbox;
let upstreamApp: ReturnType<typeof createApp>;
let upstream: Listening;
let pdfId: string;
let htmlId: string;
let messageId: string;

const BINARY = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 5) % 256);
const PAGE = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

beforeAll(async () => {
  mailbox = recording(testMailbox(0));
  upstreamApp = createApp({ mailbox, log: () => {}, faultInjection: true });
  upstream = await listen(upstreamApp, { port: 0, host: '127.0.0.1' });
  const seeded = await seedAttachments(mailbox, [
    { name: 'photo.jpg', type: 'image/jpeg', bytes: BINARY },
    { name: 'logo.svg', type: 'image/svg+xml', bytes: PAGE },
  ]);
  [pdfId, htmlId] = seeded.attachments.map((a) => a.attachmentId!) as [string, string];
  messageId = seeded.itemId;
});
afterAll(async () => {
  await upstream.close();
  mailbox.close();
});

async function signedIn() {
  const app = createApp({ upstream: `${upstream.url}/EWS/Exchange.asmx`, log: () => {} });
  const cookie = await signInCookie(app);
  mailbox.calls.length = 0;
  const download = (id: string, withCookie = true) =>
    app.request(`${ORIGIN}/attachments/${encodeURIComponent(id)}?name=${encodeURIComponent('file')}`, {
      headers: withCookie ? { cookie } : {},
    });
  const downloadMessage = (id: string) =>
    app.request(`${ORIGIN}/api/message/${encodeURIComponent(id)}?name=Files`, { headers: { cookie } });
  const search = (query: string) =>
    app.request(`${ORIGIN}/api/search`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ query }),
    });
  return { download, downloadMessage, search };
}

async function upstreamFault(spec: Record<string, unknown>) {
  const res = await upstreamApp.request(`${ORIGIN}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults: [spec] }),
  });
  expect(res.status).toBe(200);
}

describe('GET /attachments/:id in proxy mode', () => {
  it('fetches the attachment from the upstream as the signed-in user and answers its exact bytes', async () => {
    const { download } = await signedIn();
    const res = await download(pdfId);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BINARY);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''file");
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'GetAttachment' }]);
  });

  it('sends an SVG attachment as application/octet-stream', async () => {
    const { download } = await signedIn();
    const res = await download(htmlId);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PAGE);
  });

  it('answers 401 without a session and asks nothing of the upstream', async () => {
    const { download } = await signedIn();
    const res = await download(pdfId, false);
    expect(res.status).toBe(401);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 404 for an id the upstream does not know', async () => {
    const { download } = await signedIn();
    const res = await download('AAMkAGVmMDEz');
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/not on the mail server any more/);
  });

  it('answers 503 with Retry-After when the upstream is busy', async () => {
    const { download } = await signedIn();
    await upstreamFault({ kind: 'http-503', op: 'GetAttachment', retryAfterSec: 20 });
    let res = await download(pdfId);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('20');
    await upstreamFault({ kind: 'busy-fault', op: 'GetAttachment', backOffMs: 4000 });
    res = await download(pdfId);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('4');
  });

  it('answers 502 with a sentence when the upstream cannot be reached', async () => {
    const { download } = await signedIn();
    await upstreamFault({ kind: 'drop', op: 'GetAttachment' });
    const res = await download(pdfId);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toMatch(/^Tern could not get an answer: the mail server could not be reached \(\w+\)\.$/);
  });

  it('answers 401 "sign in again" when the upstream no longer takes the password', async () => {
    const { download } = await signedIn();
    await upstreamFault({ kind: 'http-401', op: 'GetAttachment' });
    const res = await download(pdfId);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/sign in again/);
  });
});

describe('GET /api/message/:id in proxy mode', () => {
  it('fetches the message’s MIME from the upstream as the signed-in user, as an .eml download', async () => {
    const { downloadMessage } = await signedIn();
    const res = await downloadMessage(messageId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Files.eml");
    expect(await res.text()).toMatch(/^Subject: Files /m);
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'GetItem' }]);
  });
});

describe('POST /api/search in proxy mode', () => {
  it('asks the upstream to search as the signed-in user, and passes its busy answer on', async () => {
    const { search } = await signedIn();
    const res = await search('ATTACHED');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ids: [messageId], complete: true });
    expect(mailbox.calls[0]).toEqual({ user: 'demo@tern.test', op: 'FindFolder' });
    expect(mailbox.calls.slice(1).map((c) => c.op)).toContain('FindItem');
    expect(new Set(mailbox.calls.slice(1).map((c) => `${c.user} ${c.op}`))).toEqual(
      new Set(['demo@tern.test FindItem']),
    );
    await upstreamFault({ kind: 'busy-fault', op: 'FindFolder', backOffMs: 2000 });
    const busy = await search('attached');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
  });
});
