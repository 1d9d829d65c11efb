import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteItem, MoveItem, decodeResponse, encodeRequest } from '../ews/index.js';
import { createApp } from './app.js';
import type { Env } from './connection.js';
import type { Hono } from 'hono';
import { ORIGIN, signInCookie } from './testing/http.js';
import { seedAttachments } from './testing/seed-attachments.js';
import { recording, testMailbox } from './testing/test-mailbox.js';

const shared = testMailbox(0);
afterAll(() => shared.close());

// Every byte value, so a text decoding anywhere on the way would show.
const BINARY = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256);
const PAGE = new TextEncoder().encode('<html><script>alert(document.cookie)</script></html>');

let pdfId: string;
let htmlId: string;

beforeAll(async () => {
  const seeded = await seedAttachments(shared, [
    { name: 'report.pdf', type: 'application/pdf', bytes: BINARY },
    { name: 'page.html', type: 'text/html', bytes: PAGE },
  ]);
  [pdfId, htmlId] = seeded.attachments.map((a) => a.attachmentId!) as [string, string];
});

async function setup() {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {}, faultInjection: true });
  return { app, mailbox, cookie: await signInCookie(app) };
}

const link = (id: string, name?: string) =>
  `${ORIGIN}/attachments/${encodeURIComponent(id)}${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`;

function get(app: Hono<Env>, url: string, cookie?: string) {
  return app.request(url, { headers: cookie ? { cookie } : {} });
}

function fault(app: Hono<Env>, spec: Record<string, unknown>) {
  return app.request(`${ORIGIN}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults: [spec] }),
  });
}

/** Moves a message to the Archive (which changes its attachment ids); returns its new id. */
async function archive(id: string): Promise<string> {
  const move = encodeRequest(MoveItem, {
    toFolderId: { distinguished: 'archive' },
    itemIds: [{ id }],
    returnNewItemIds: true,
  });
  const moved = decodeResponse(MoveItem, (await shared.handle('demo@tern.test', move)).body);
  return moved.messages[0]!.items![0]!.itemId!.id;
}

describe('GET /attachments/:id', () => {
  it('answers the exact bytes as a download that is never rendered, sniffed or cached', async () => {
    const { app, mailbox, cookie } = await setup();
    const res = await get(app, link(pdfId, "Q3 'report' (final) ✓.pdf"), cookie);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BINARY);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(BINARY.length));
    expect(res.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''Q3%20%27report%27%20%28final%29%20%E2%9C%93.pdf",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The page's CSP must not replace the sandbox.
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'GetAttachment' }]);
  });

  it('names the file as the server does when the link gives no name', async () => {
    const { app, cookie } = await setup();
    const res = await get(app, link(pdfId), cookie);
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''report.pdf");
  });

  it('drops bidirectional controls from the name, so the downloads list shows the real extension', async () => {
    const { app, cookie } = await setup();
    const res = await get(app, link(pdfId, 'invoice\u202Efdp.exe'), cookie);
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invoicefdp.exe");
  });

  it('sends an HTML attachment as application/octet-stream', async () => {
    const { app, cookie } = await setup();
    const res = await get(app, link(htmlId, 'page.html'), cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''page.html");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PAGE);
  });

  it('answers 401 with a sentence and asks nothing of the mailbox without a valid session', async () => {
    const { app, mailbox } = await setup();
    for (const cookie of [undefined, 'tern_session=garbage']) {
      const res = await get(app, link(pdfId), cookie);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(/sign in again/);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('ends the session when its password no longer works', async () => {
    const mailbox = recording(shared);
    const clock = { now: 1_800_000_000_000 };
    const app = createApp({ mailbox, clock: () => clock.now, log: () => {}, faultInjection: true });
    const cookie = await signInCookie(app);
    mailbox.verify = () => false;
    clock.now += 61_000;
    const res = await get(app, link(pdfId), cookie);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/password has changed/);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 400 for an empty or badly encoded id', async () => {
    const { app, mailbox, cookie } = await setup();
    for (const path of ['/attachments/', '/attachments/%E0%A4%A']) {
      const res = await get(app, `${ORIGIN}${path}`, cookie);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/attachment id/);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('answers 404 with a sentence once the message is gone, and for an id that names nothing', async () => {
    const { app, cookie } = await setup();
    const own = await seedAttachments(shared, [{ name: 'gone.bin', type: 'application/octet-stream', bytes: BINARY }]);
    const id = own.attachments[0]!.attachmentId!;
    expect((await get(app, link(id), cookie)).status).toBe(200);
    const del = encodeRequest(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id: own.itemId }] });
    expect((await shared.handle('demo@tern.test', del)).status).toBe(200);
    for (const missing of [id, 'not-an-id']) {
      const res = await get(app, link(missing), cookie);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toMatch(/not on the mail server any more/);
    }
  });

  it('finds the attachment again when its message moved since the link was made (Exchange changes the id)', async () => {
    const { app, mailbox, cookie } = await setup();
    const own = await seedAttachments(shared, [{ name: 'moved.bin', type: 'application/octet-stream', bytes: BINARY }]);
    const stale = own.attachments[0]!.attachmentId!;
    const now = await archive(own.itemId);
    const at = (item: string, size = BINARY.length) =>
      `${link(stale, 'moved.bin')}&item=${encodeURIComponent(item)}&size=${size}`;

    expect((await get(app, link(stale, 'moved.bin'), cookie)).status).toBe(404);
    mailbox.calls.length = 0;
    const res = await get(app, at(now), cookie);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BINARY);
    expect(mailbox.calls.map((call) => call.op)).toEqual(['GetAttachment', 'GetItem', 'GetAttachment']);
    // Another size, or the message's old id: no such attachment, and the sentence says so.
    for (const url of [at(now, 1), at(own.itemId)]) {
      const miss = await get(app, url, cookie);
      expect(miss.status).toBe(404);
      expect(await miss.text()).toMatch(/not on the mail server any more/);
    }
  });

  it('downloads an attached email as the .eml file the page names, before and after its message moved', async () => {
    const { app, cookie } = await setup();
    const inner = ['From: Bob <bob@example.org>', 'Subject: Old thread', '', 'Quoted.'].join('\r\n');
    const own = await seedAttachments(shared, [
      { name: 'thread.eml', type: 'message/rfc822', bytes: new TextEncoder().encode(inner) },
    ]);
    const listed = own.attachments[0]!;
    expect([listed.kind, listed.name]).toEqual(['ItemAttachment', 'Old thread']);
    const res = await get(app, link(listed.attachmentId!, 'Old thread.eml'), cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Old%20thread.eml");
    expect(await res.text()).toBe(inner);

    const now = await archive(own.itemId);
    const again = await get(
      app,
      `${link(listed.attachmentId!, 'Old thread.eml')}&item=${encodeURIComponent(now)}&size=${listed.size}`,
      cookie,
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(inner);
  });

  it('keeps another user’s attachment from the signed-in user', async () => {
    const { app, cookie } = await setup();
    const theirs = await seedAttachments(
      shared,
      [{ name: 'private.bin', type: 'application/octet-stream', bytes: BINARY }],
      'ada@tern.test',
    );
    const res = await get(app, link(theirs.attachments[0]!.attachmentId!), cookie);
    expect(res.status).toBe(404);
  });

  it('answers 503 with Retry-After when the server is busy (fault or message) or unavailable', async () => {
    const { app, cookie } = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'busy-fault', op: 'GetAttachment', backOffMs: 2500 }, '3'],
      [{ kind: 'busy-message', op: 'GetAttachment', backOffMs: 10_000 }, '10'],
      [{ kind: 'http-503', op: 'GetAttachment', retryAfterSec: 30 }, '30'],
    ];
    for (const [spec, retryAfter] of cases) {
      expect((await fault(app, spec)).status).toBe(200);
      const res = await get(app, link(pdfId), cookie);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(retryAfter);
      expect(await res.text()).toBe(
        `The mail server is busy and asked Tern to wait: try the download again in ${retryAfter} s.`,
      );
    }
    expect((await get(app, link(pdfId), cookie)).status).toBe(200);
  });

  it('passes the server’s 401 on as "sign in again"', async () => {
    const { app, cookie } = await setup();
    await fault(app, { kind: 'http-401', op: 'GetAttachment' });
    const res = await get(app, link(pdfId), cookie);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/sign in again/);
  });

  describe('a whole message', () => {
    const messageLink = (id: string, name?: string) =>
      `${ORIGIN}/api/message/${encodeURIComponent(id)}${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`;

    it('downloads the message as the server holds it, an .eml file named by the page', async () => {
      const { app, cookie } = await setup();
      const own = await seedAttachments(shared, [
        { name: 'kept.bin', type: 'application/octet-stream', bytes: BINARY },
      ]);
      const res = await get(app, messageLink(own.itemId, 'Quarterly \u202Etxt.exe'), cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('message/rfc822');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''Quarterly%20txt.exe.eml`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const mime = await res.text();
      expect(mime).toMatch(/^Subject: Files /m);
      expect(mime).toContain('kept.bin');
      // Without a name from the page, it is still an .eml file.
      const unnamed = await get(app, messageLink(own.itemId), cookie);
      expect(unnamed.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''message.eml`);
    });

    it('answers 401 without a session, 404 once the message is gone, and keeps another user’s to them', async () => {
      const { app, cookie } = await setup();
      const own = await seedAttachments(shared, [{ name: 'a.bin', type: 'application/octet-stream', bytes: BINARY }]);
      expect((await get(app, messageLink(own.itemId))).status).toBe(401);
      const theirs = await seedAttachments(
        shared,
        [{ name: 'b.bin', type: 'application/octet-stream', bytes: BINARY }],
        'ada@tern.test',
      );
      expect((await get(app, messageLink(theirs.itemId), cookie)).status).toBe(404);
      const del = encodeRequest(DeleteItem, { deleteType: 'HardDelete', itemIds: [{ id: own.itemId }] });
      expect((await shared.handle('demo@tern.test', del)).status).toBe(200);
      const gone = await get(app, messageLink(own.itemId), cookie);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toMatch(/The message is not on the mail server any more/);
    });
  });
});
