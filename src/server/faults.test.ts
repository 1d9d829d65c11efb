import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreateItem,
  GetFolder,
  GetItem,
  SoapFault,
  SyncFolderHierarchy,
  SyncFolderItems,
  UpdateItem,
  decodeResponse,
  encodeRequest,
} from '../ews/index.js';
import { createApp } from './app.js';
import { FaultQueue, parseFaults, type Fault } from './faults.js';
import { listen } from './listen.js';
import { ORIGIN, basicAuth, postExchange, postPwa, signInCookie } from './testing/http.js';
import { inboxItems, recording, testMailbox } from './testing/test-mailbox.js';

const getItem = (...ids: string[]) =>
  encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: ids.map((id) => ({ id })) });
const syncItems = encodeRequest(SyncFolderItems, {
  itemShape: { baseShape: 'IdOnly' },
  syncFolderId: { distinguished: 'inbox' },
  maxChangesReturned: 100,
});
const syncHierarchy = encodeRequest(SyncFolderHierarchy, {
  folderShape: { baseShape: 'IdOnly' },
  syncFolderId: { distinguished: 'msgfolderroot' },
});
const getFolder = encodeRequest(GetFolder, {
  folderShape: { baseShape: 'IdOnly' },
  folderIds: [{ distinguished: 'inbox' }, { distinguished: 'sentitems' }],
});

const shared = testMailbox();
afterAll(() => shared.close());
// Real ids and subjects from the seeded Inbox, newest first.
let inbox: { id: string; subject: string }[] = [];
beforeAll(async () => {
  inbox = (await inboxItems(shared, 3)).map((i) => ({ id: i.itemId!.id, subject: i.subject! }));
});
const ids = () => inbox.map((i) => i.id);

function setup() {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {}, faultInjection: true });
  const admin = (method: string, body?: unknown) =>
    app.request(`${ORIGIN}/admin/faults`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const inject = async (...faults: Fault[]) => {
    const res = await admin('POST', { faults });
    expect(res.status).toBe(200);
  };
  return { app, mailbox, admin, inject };
}

function faultOf(op: Parameters<typeof decodeResponse>[0], xml: string): SoapFault {
  try {
    decodeResponse(op, xml);
  } catch (e) {
    if (e instanceof SoapFault) return e;
    throw e;
  }
  throw new Error('expected a SOAP fault');
}

describe('parseFaults', () => {
  it('accepts every kind with its options', () => {
    const faults = parseFaults({
      faults: [
        { kind: 'busy-fault', backOffMs: 7000, count: 2 },
        { kind: 'item-not-found', op: 'GetItem', ids: ['a'] },
        { kind: 'latency', ms: 10 },
        { kind: 'http-503', retryAfterSec: 3 },
      ],
    });
    expect(faults.map((f) => f.kind)).toEqual(['busy-fault', 'item-not-found', 'latency', 'http-503']);
  });

  it.each([
    [null, /Send JSON of the form/],
    [{ faults: {} }, /Send JSON of the form/],
    [{ faults: [1] }, /faults\[0\] is not an object/],
    [{ faults: [{ kind: 'explode' }] }, /faults\[0\]\.kind must be one of busy-fault, busy-message/],
    [{ faults: [{ kind: 'drop' }, { kind: 'drop', op: 'Frobnicate' }] }, /faults\[1\]\.op must name an EWS operation/],
    [{ faults: [{ kind: 'item-not-found', op: 'SyncFolderItems' }] }, /item-not-found applies to GetItem only/],
    [{ faults: [{ kind: 'invalid-sync-state', op: 'GetItem' }] }, /SyncFolderItems or SyncFolderHierarchy only/],
    [{ faults: [{ kind: 'drop', count: 0 }] }, /count must be a whole number from 1/],
    [{ faults: [{ kind: 'busy-fault', backOffMs: -1 }] }, /backOffMs/],
    [{ faults: [{ kind: 'latency' }] }, /latency needs "ms"/],
    [{ faults: [{ kind: 'item-not-found', ids: 'abc' }] }, /ids must be a list/],
    [{ faults: [{ kind: 'drop', delay: 5 }] }, /unknown field "delay"/],
  ])('refuses %j', (body, message) => {
    expect(() => parseFaults(body)).toThrow(message);
  });
});

describe('FaultQueue', () => {
  it('hands out faults first in, first out, each for its count, to matching operations only', () => {
    const q = new FaultQueue();
    q.add([{ kind: 'drop', op: 'GetItem', count: 2 }, { kind: 'invalid-sync-state' }, { kind: 'busy-fault' }]);
    expect(q.take('UpdateItem', {})?.kind).toBe('busy-fault');
    expect(q.take('GetItem', {})?.kind).toBe('drop');
    expect(q.take('SyncFolderHierarchy', {})?.kind).toBe('invalid-sync-state');
    expect(q.list()).toEqual([{ kind: 'drop', op: 'GetItem', count: 1 }]);
    expect(q.take('GetItem', {})?.kind).toBe('drop');
    expect(q.take('GetItem', {})).toBeUndefined();
  });

  it('keeps an item-not-found for chosen ids until a GetItem asks for one of them', () => {
    const q = new FaultQueue();
    q.add([{ kind: 'item-not-found', ids: ['x'] }]);
    expect(q.take('GetItem', { itemIds: [{ id: 'a' }] })).toBeUndefined();
    expect(q.take('GetItem', { itemIds: [{ id: 'a' }, { id: 'x' }] })?.kind).toBe('item-not-found');
  });
});

describe('/admin/faults', () => {
  it('appends, lists what is left and clears', async () => {
    const { admin, inject } = setup();
    await inject({ kind: 'busy-fault', count: 3 });
    await inject({ kind: 'drop', op: 'GetItem' });
    expect(await (await admin('GET')).json()).toEqual({
      faults: [
        { kind: 'busy-fault', count: 3 },
        { kind: 'drop', op: 'GetItem', count: 1 },
      ],
    });
    expect((await admin('DELETE')).status).toBe(200);
    expect(await (await admin('GET')).json()).toEqual({ faults: [] });
  });

  it('refuses a bad fault list whole, saying which field is wrong', async () => {
    const { admin } = setup();
    const res = await admin('POST', { faults: [{ kind: 'drop' }, { kind: 'latency', ms: 'soon' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/faults\[1\]\.ms must be a whole number/);
    expect(await (await admin('GET')).json()).toEqual({ faults: [] });
  });

  it('refuses non-JSON bodies and cross-site requests', async () => {
    const { app } = setup();
    const text = await app.request(`${ORIGIN}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"faults":[{"kind":"drop"}]}',
    });
    expect(text.status).toBe(415);
    const broken = await app.request(`${ORIGIN}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"faults":',
    });
    expect(broken.status).toBe(400);
    const crossSite = await app.request(`${ORIGIN}/admin/faults`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('lists the captured outgoing mail', async () => {
    const { app } = setup();
    const send = encodeRequest(CreateItem, {
      messageDisposition: 'SendAndSaveCopy',
      savedItemFolderId: { distinguished: 'sentitems' },
      items: [
        {
          kind: 'Message',
          subject: 'Lunch on Thursday?',
          body: { bodyType: 'Text', value: 'Noon at the usual place.' },
          toRecipients: [{ emailAddress: 'bob@example.com' }],
        },
      ],
    });
    expect((await postExchange(app, send)).status).toBe(200);
    const { messages } = await (await app.request(`${ORIGIN}/admin/outgoing`)).json();
    expect(messages).toContainEqual(
      expect.objectContaining({ from: 'demo@tern.test', to: ['bob@example.com'], subject: 'Lunch on Thursday?' }),
    );
  });

  it('answers only on loopback', async () => {
    const { app } = setup();
    const from = (remoteAddress: string) =>
      app.request(`${ORIGIN}/admin/faults`, {}, { incoming: { socket: { remoteAddress } } } as never);
    for (const address of ['192.168.1.20', '10.0.0.7', '::ffff:203.0.113.9', 'fe80::1']) {
      const res = await from(address);
      expect(res.status).toBe(403);
      expect((await res.json()).message).toBe('The admin endpoint answers on loopback only.');
    }
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect((await from(address)).status).toBe(200);
    const outgoing = await app.request(`${ORIGIN}/admin/outgoing`, {}, {
      incoming: { socket: { remoteAddress: '192.168.1.20' } },
    } as never);
    expect(outgoing.status).toBe(403);
  });

  it('refuses a loopback peer that speaks for someone else: a rebound name, or a reverse proxy', async () => {
    const { app } = setup();
    const local = { incoming: { socket: { remoteAddress: '127.0.0.1' } } } as never;
    const get = (url: string, headers: Record<string, string> = {}) =>
      app.request(`${url}/admin/outgoing`, { headers }, local);
    // A page on evil.example whose name now points at 127.0.0.1: the browser sends its name.
    for (const url of ['http://evil.example:8080', 'http://127.0.0.1.nip.io:8080', 'http://localhost.evil.example'])
      expect((await get(url)).status).toBe(403);
    for (const forwarded of <Record<string, string>[]>[
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
      { 'x-forwarded-host': 'mail.example.com' },
    ])
      expect((await get(ORIGIN, forwarded)).status).toBe(403);
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://LOCALHOST', 'http://[::1]:8080'])
      expect((await get(url)).status).toBe(200);
  });

  it('is off unless the server was started with fault injection; the outgoing mail is still listed', async () => {
    const mailbox = recording(shared);
    const app = createApp({ mailbox, log: () => {} });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await app.request(`${ORIGIN}/admin/faults`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ faults: [{ kind: 'drop' }] }) } : {}),
      });
      expect(res.status).toBe(404);
      expect((await res.json()).message).toMatch(/Fault injection is off\. Start the server with TERN_FAULTS=1/);
    }
    // Nothing was queued: the mailbox answers.
    expect((await postExchange(app, getFolder)).status).toBe(200);
    expect((await app.request(`${ORIGIN}/admin/outgoing`)).status).toBe(200);
    // Still loopback only, before it says anything about faults.
    const remote = await app.request(`${ORIGIN}/admin/faults`, {}, {
      incoming: { socket: { remoteAddress: '192.168.1.20' } },
    } as never);
    expect(remote.status).toBe(403);
  });

  it('is not served in proxy mode', async () => {
    const app = createApp({ upstream: 'http://127.0.0.1:9/EWS/Exchange.asmx' });
    for (const method of ['GET', 'POST', 'DELETE'])
      expect((await app.request(`${ORIGIN}/admin/faults`, { method })).status).toBe(404);
    expect((await app.request(`${ORIGIN}/admin/outgoing`)).status).toBe(404);
  });
});

describe('fault kinds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('busy-fault: HTTP 500 SOAP fault ErrorServerBusy with BackOffMilliseconds, on both endpoints', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'busy-fault', backOffMs: 7000, count: 2 });
    const viaExchange = await postExchange(app, syncItems);
    expect(viaExchange.status).toBe(500);
    expect(viaExchange.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const fault = faultOf(SyncFolderItems, await viaExchange.text());
    expect(fault.code).toBe('ErrorServerBusy');
    expect(fault.backOffMs).toBe(7000);
    const viaPwa = await postPwa(app, await signInCookie(app), getFolder);
    expect(faultOf(GetFolder, await viaPwa.text()).backOffMs).toBe(7000);
    expect(mailbox.calls).toEqual([]);
    expect((await postExchange(app, syncItems)).status).toBe(200);
  });

  it('busy-message: HTTP 200 with one ErrorServerBusy message per id, back-off in MessageXml', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'busy-message' });
    const res = await postExchange(app, getItem(...ids()));
    expect(res.status).toBe(200);
    const { messages } = decodeResponse(GetItem, await res.text());
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.responseCode).toBe('ErrorServerBusy');
      expect(m.messageXml).toEqual({ BackOffMilliseconds: '5000' });
    }
    const update = encodeRequest(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      itemChanges: [
        { itemId: { id: ids()[0]! }, updates: [] },
        { itemId: { id: ids()[1]! }, updates: [] },
      ],
    });
    await inject({ kind: 'busy-message', backOffMs: 100 });
    const updated = decodeResponse(UpdateItem, await (await postExchange(app, update)).text());
    expect(updated.messages.map((m) => m.messageXml)).toEqual([
      { BackOffMilliseconds: '100' },
      { BackOffMilliseconds: '100' },
    ]);
    expect(mailbox.calls).toEqual([]);
  });

  it('invalid-sync-state: ErrorInvalidSyncStateData for the next sync call, whichever kind', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'invalid-sync-state', count: 2 });
    expect((await postExchange(app, getItem(ids()[0]!))).status).toBe(200);
    const hierarchy = decodeResponse(SyncFolderHierarchy, await (await postExchange(app, syncHierarchy)).text());
    const items = decodeResponse(SyncFolderItems, await (await postExchange(app, syncItems)).text());
    for (const m of [hierarchy.messages[0]!, items.messages[0]!]) {
      expect(m.responseCode).toBe('ErrorInvalidSyncStateData');
      expect(m.messageText).toBe('Synchronization state data is corrupt or otherwise invalid.');
    }
    expect(mailbox.calls.map((c) => c.op)).toEqual(['GetItem']);
  });

  it('sync-folder-not-found: ErrorSyncFolderNotFound for SyncFolderItems', async () => {
    const { app, inject } = setup();
    await inject({ kind: 'sync-folder-not-found', op: 'SyncFolderItems' });
    const [m] = decodeResponse(SyncFolderItems, await (await postExchange(app, syncItems)).text()).messages;
    expect(m!.responseCode).toBe('ErrorSyncFolderNotFound');
  });

  it('item-not-found: ErrorItemNotFound for the chosen ids, real answers for the rest, in order', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'item-not-found', ids: [ids()[1]!] });
    const res = await postExchange(app, getItem(...ids()));
    const { messages } = decodeResponse(GetItem, await res.text());
    expect(messages.map((m) => m.responseCode)).toEqual(['NoError', 'ErrorItemNotFound', 'NoError']);
    expect(messages[0]!.items![0]!.itemId!.id).toBe(ids()[0]);
    expect(messages[2]!.items![0]!.itemId!.id).toBe(ids()[2]);
    expect(mailbox.calls).toHaveLength(1);
  });

  it('item-not-found without ids: every id of the next GetItem is gone', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'item-not-found' });
    await inject({ kind: 'item-not-found' });
    const { messages } = decodeResponse(GetItem, await (await postExchange(app, getItem(ids()[0]!, ids()[2]!))).text());
    expect(messages.map((m) => m.responseCode)).toEqual(['ErrorItemNotFound', 'ErrorItemNotFound']);
    expect(mailbox.calls).toEqual([]);
  });

  it('http-503: 503 with Retry-After', async () => {
    const { app, inject } = setup();
    await inject({ kind: 'http-503', retryAfterSec: 30 });
    const res = await postExchange(app, syncItems);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  });

  it('http-401: a Basic challenge on /EWS/Exchange.asmx, "sign in again" on /ews', async () => {
    const { app, inject } = setup();
    const cookie = await signInCookie(app);
    await inject({ kind: 'http-401', count: 2 });
    const exchange = await postExchange(app, syncItems);
    expect(exchange.status).toBe(401);
    expect(exchange.headers.get('www-authenticate')).toBe('Basic realm="Tern"');
    const pwa = await postPwa(app, cookie, syncItems);
    expect(pwa.status).toBe(401);
    expect((await pwa.json()).error).toBe('signin-required');
    expect((await postPwa(app, cookie, syncItems)).status).toBe(200);
  });

  it('latency: the answer waits `ms`, then comes from the mailbox', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'latency', ms: 5000 });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let settled = false;
    const pending = Promise.resolve(postExchange(app, syncItems)).then((res) => {
      settled = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    expect(mailbox.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    expect(mailbox.calls).toHaveLength(1);
  });

  it('drop: no answer at all (the request rejects like a network error), and the mailbox never sees it', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'drop', op: 'SyncFolderItems', count: 2 });
    await expect(postExchange(app, syncItems)).rejects.toThrow(/dropped/);
    expect((await postExchange(app, getFolder)).status).toBe(200);
    await expect(postPwa(app, await signInCookie(app), syncItems)).rejects.toThrow(/dropped/);
    expect((await postExchange(app, syncItems)).status).toBe(200);
    expect(mailbox.calls.map((c) => c.op)).toEqual(['GetFolder', 'SyncFolderItems']);
  });

  it('apply-then-drop: the mailbox applies the request, then the answer is lost', async () => {
    const { app, mailbox, inject } = setup();
    await inject({ kind: 'apply-then-drop', op: 'UpdateItem' });
    const target = ids()[2]!;
    const flag = (isRead: boolean) =>
      encodeRequest(UpdateItem, {
        conflictResolution: 'AlwaysOverwrite',
        messageDisposition: 'SaveOnly',
        itemChanges: [
          {
            itemId: { id: target },
            updates: [{ kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead } }],
          },
        ],
      });
    const isRead = async () => {
      const soap = encodeRequest(GetItem, {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:IsRead' }] },
        itemIds: [{ id: target }],
      });
      return decodeResponse(GetItem, (await shared.handle('demo@tern.test', soap)).body).messages[0]!.items![0]!.isRead;
    };
    await shared.handle('demo@tern.test', flag(false));
    expect(await isRead()).toBe(false);
    await expect(postExchange(app, flag(true))).rejects.toThrow(/dropped/);
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'UpdateItem' }]);
    expect(await isRead()).toBe(true);
  });
});

describe('fault kinds over a real socket', () => {
  it('drop resets the connection, and the server goes on answering', async () => {
    const { app, inject } = setup();
    const server = await listen(app, { port: 0, host: '127.0.0.1' });
    try {
      await inject({ kind: 'drop' });
      const post = () =>
        fetch(`${server.url}/EWS/Exchange.asmx`, {
          method: 'POST',
          headers: { authorization: basicAuth('demo@tern.test', 'demo'), 'content-type': 'text/xml; charset=utf-8' },
          body: syncItems,
        });
      await expect(post()).rejects.toThrow(/fetch failed/);
      expect((await post()).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('apply-then-cut sends the status and half the answer, then breaks the connection', async () => {
    const { app, mailbox, inject } = setup();
    const server = await listen(app, { port: 0, host: '127.0.0.1' });
    try {
      await inject({ kind: 'apply-then-cut', op: 'SyncFolderItems' });
      const post = () =>
        fetch(`${server.url}/EWS/Exchange.asmx`, {
          method: 'POST',
          headers: { authorization: basicAuth('demo@tern.test', 'demo'), 'content-type': 'text/xml; charset=utf-8' },
          body: syncItems,
        });
      const cut = await post();
      expect(cut.status).toBe(200);
      await expect(cut.text()).rejects.toThrow(/terminated/);
      expect(mailbox.calls.map((c) => c.op)).toEqual(['SyncFolderItems']);
      const whole = await post();
      expect(await whole.text()).toContain('IncludesLastItemInRange');
    } finally {
      await server.close();
    }
  });
});
