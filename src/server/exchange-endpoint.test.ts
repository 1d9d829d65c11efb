import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateItem,
  GetFolder,
  GetItem,
  NS,
  SoapFault,
  SyncFolderItems,
  decodeResponse,
  encodeRequest,
} from '../ews/index.js';
import { createApp } from './app.js';
import { ORIGIN, basicAuth, postExchange } from './testing/http.js';
import { recording, testMailbox } from './testing/test-mailbox.js';

const getInbox = encodeRequest(GetFolder, {
  folderShape: { baseShape: 'IdOnly' },
  folderIds: [{ distinguished: 'inbox' }],
});
const XML = 'text/xml; charset=utf-8';
const CHALLENGE = 'Basic realm="Tern"';

const shared = testMailbox();
afterAll(() => shared.close());

function setup(opts: { maxRequestBytes?: number } = {}) {
  const mailbox = recording(shared);
  const app = createApp({ mailbox, log: () => {}, ...opts });
  return { mailbox, app };
}

const post = (app: ReturnType<typeof createApp>, body: BodyInit, headers: Record<string, string>) =>
  app.request(`${ORIGIN}/EWS/Exchange.asmx`, { method: 'POST', headers, body });

/** The fault a refused request carries, read with the codec as an EWS client would. */
function faultOf(xml: string): SoapFault {
  try {
    decodeResponse(GetFolder, xml);
  } catch (e) {
    if (e instanceof SoapFault) return e;
    throw e;
  }
  throw new Error('not a fault');
}

describe('/EWS/Exchange.asmx authentication', () => {
  it('challenges a POST without credentials with 401 and WWW-Authenticate: Basic', async () => {
    const { app, mailbox } = setup();
    const res = await post(app, getInbox, { 'content-type': XML });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(CHALLENGE);
    expect(res.headers.get('content-type')).toBe(XML);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers GET (DavMail’s start-up probe) with 401, not 404 or 405', async () => {
    const { app } = setup();
    const res = await app.request(`${ORIGIN}/EWS/Exchange.asmx`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(CHALLENGE);
    expect(res.headers.get('content-type')).toBe(XML);
  });

  it('challenges a wrong password and an unknown user alike, without reaching the mailbox', async () => {
    const { app, mailbox } = setup();
    const wrong = await postExchange(app, getInbox, 'demo@tern.test', 'nope');
    const unknown = await postExchange(app, getInbox, 'nobody@tern.test', 'demo');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe(CHALLENGE);
    expect(faultOf(await wrong.text()).message).toBe(faultOf(await unknown.text()).message);
    expect(mailbox.calls).toEqual([]);
  });

  it('challenges a malformed Authorization header', async () => {
    const { app } = setup();
    for (const authorization of ['Bearer abc', 'Basic', 'Basic !!!', `Basic ${btoa('no-colon')}`]) {
      const res = await post(app, getInbox, { authorization, 'content-type': XML });
      expect(res.status).toBe(401);
    }
  });

  it('answers the signed-in user from the mailbox with text/xml; charset=utf-8 exactly', async () => {
    const { app, mailbox } = setup();
    const res = await postExchange(app, getInbox);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XML);
    expect(decodeResponse(GetFolder, await res.text()).messages[0]!.responseClass).toBe('Success');
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'GetFolder' }]);
  });

  it('accepts a UTF-8 password and the path in any case', async () => {
    const { app } = setup();
    const res = await app.request(`${ORIGIN}/ews/exchange.asmx`, {
      method: 'POST',
      headers: { authorization: basicAuth('ADA@tern.test', 'demo'), 'content-type': 'text/xml; charset=UTF-8' },
      body: getInbox,
    });
    expect(res.status).toBe(200);
  });

  it('limits wrong passwords per account with a generic refusal, even for the right password', async () => {
    const mailbox = recording(shared);
    const app = createApp({
      mailbox,
      loginLimits: { windowMs: 60_000, maxFailuresPerIp: 100, maxFailuresPerAccount: 3, maxTracked: 100 },
    });
    for (let i = 0; i < 3; i++)
      expect((await postExchange(app, getInbox, 'demo@tern.test', `guess${i}`)).status).toBe(401);
    const locked = await postExchange(app, getInbox, 'demo@tern.test', 'demo');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('content-type')).toBe(XML);
    expect(faultOf(await locked.text()).message).toMatch(/Too many sign-in attempts/);
    expect((await postExchange(app, getInbox, 'ada@tern.test', 'demo')).status).toBe(200);
    expect(mailbox.calls.map((c) => c.user)).toEqual(['ada@tern.test']);
  });

  it('limits wrong passwords per client address across accounts', async () => {
    const app = createApp({
      mailbox: recording(shared),
      loginLimits: { windowMs: 60_000, maxFailuresPerIp: 2, maxFailuresPerAccount: 10, maxTracked: 100 },
    });
    const from = (remoteAddress: string, user: string, password: string) =>
      app.request(
        `${ORIGIN}/EWS/Exchange.asmx`,
        {
          method: 'POST',
          headers: { authorization: basicAuth(user, password), 'content-type': 'text/xml; charset=utf-8' },
          body: getInbox,
        },
        // The Node request as @hono/node-server passes it: the body stream and the peer's address.
        { incoming: Object.assign(Readable.from([Buffer.from(getInbox)]), { socket: { remoteAddress } }) } as never,
      );
    await from('198.51.100.7', 'a@tern.test', 'x');
    await from('198.51.100.7', 'b@tern.test', 'x');
    expect((await from('198.51.100.7', 'demo@tern.test', 'demo')).status).toBe(429);
    expect((await from('198.51.100.8', 'demo@tern.test', 'demo')).status).toBe(200);
  });
});

describe('/EWS/Exchange.asmx bad input', () => {
  const refused = async (res: Response, status: number, code: string, message: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(XML);
    const fault = faultOf(await res.text());
    expect(fault.code).toBe(code);
    expect(fault.message).toMatch(message);
  };
  const auth = { authorization: basicAuth('demo@tern.test', 'demo') };

  it('refuses a body that is not text/xml or application/soap+xml', async () => {
    const { app, mailbox } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json']) {
      const res = await post(app, getInbox, { ...auth, 'content-type': type });
      await refused(res, 415, 'ErrorInvalidRequest', new RegExp(`not "${type}"`));
    }
    // A byte body: a string body would get text/plain from fetch itself.
    const bytes = new TextEncoder().encode(getInbox);
    await refused(await post(app, bytes, auth), 415, 'ErrorInvalidRequest', /without a Content-Type/);
    expect((await post(app, getInbox, { ...auth, 'content-type': 'application/soap+xml' })).status).toBe(200);
    expect(mailbox.calls).toHaveLength(1);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { app, mailbox } = setup({ maxRequestBytes: 1000 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(100));
      },
    });
    const res = await app.request(`${ORIGIN}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': XML, 'content-length': '5000000' },
      body,
      duplex: 'half',
    } as RequestInit);
    await refused(res, 413, 'ErrorMessageSizeExceeded', /larger than 1000 bytes/);
    expect(pulled).toBeLessThanOrEqual(1);
    expect(mailbox.calls).toEqual([]);
  });

  it('stops reading a body without Content-Length as soon as it passes the limit', async () => {
    const { app, mailbox } = setup({ maxRequestBytes: 10_000 });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1000;
        controller.enqueue(new Uint8Array(1000).fill(60));
      },
    });
    const res = await app.request(`${ORIGIN}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': XML },
      body,
      duplex: 'half',
    } as RequestInit);
    await refused(res, 413, 'ErrorMessageSizeExceeded', /larger than 9\.8 KB/);
    expect(sent).toBeLessThan(20_000);
    expect(mailbox.calls).toEqual([]);
  });

  /** `xml` as a stream of 16 KB chunks, counting what was taken from it. */
  const streamed = (xml: string) => {
    const bytes = new TextEncoder().encode(xml);
    const taken = { bytes: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (taken.bytes >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(taken.bytes, (taken.bytes += 16 * 1024)));
      },
    });
    return { body, taken };
  };
  const postStream = (app: ReturnType<typeof createApp>, body: ReadableStream<Uint8Array>, length?: number) =>
    app.request(`${ORIGIN}/EWS/Exchange.asmx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': XML, ...(length ? { 'content-length': String(length) } : {}) },
      body,
      duplex: 'half',
    } as RequestInit);
  const MB = 1024 * 1024;
  const fakeIds = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `AAMkAD${String(i).padStart(140, '0')}`, changeKey: 'CQAAABYAAAA' }));

  it('cuts off any request but the few that carry messages and files at 1 MB, once its start names it', async () => {
    const { app, mailbox } = setup();
    const getItem = encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: fakeIds(8000) });
    expect(getItem.length).toBeGreaterThan(1.2 * MB);
    for (const length of [undefined, getItem.length]) {
      const { body, taken } = streamed(getItem);
      const res = await postStream(app, body, length);
      await refused(
        res,
        413,
        'ErrorMessageSizeExceeded',
        /A GetItem request is larger than 1 MB.*CreateItem, UpdateItem, CreateAttachment may be up to 35 MB/,
      );
      expect(taken.bytes).toBeLessThan(MB + 64 * 1024);
    }
    expect(mailbox.calls).toEqual([]);
  });

  it('takes a message of several MB in one CreateItem', async () => {
    const { app, mailbox } = setup();
    const content = Buffer.alloc(3 * MB, 'Tern ').toString('base64');
    const create = encodeRequest(CreateItem, {
      messageDisposition: 'SaveOnly',
      items: [
        {
          kind: 'Message',
          subject: 'The big draft',
          attachments: [{ kind: 'FileAttachment', name: 'big.txt', contentType: 'text/plain', content }],
        },
      ],
    });
    expect(create.length).toBeGreaterThan(4 * MB);
    const { body } = streamed(create);
    const res = await postStream(app, body);
    expect(res.status).toBe(200);
    expect(decodeResponse(CreateItem, await res.text()).messages[0]!.responseClass).toBe('Success');
    expect(mailbox.calls).toEqual([{ user: 'demo@tern.test', op: 'CreateItem' }]);
  });

  it('cuts off at 1 MB a request whose first MB names no operation', async () => {
    const { app, mailbox } = setup();
    const padding = `<t:RequestServerVersion xmlns:t="${NS.t}" Version="Exchange2013_SP1"/>`.repeat(20_000);
    const create = encodeRequest(CreateItem, { messageDisposition: 'SaveOnly', items: [{ kind: 'Message' }] });
    const padded = create.replace('<soap:Header>', `<soap:Header>${padding}`);
    const { body, taken } = streamed(padded);
    await refused(await postStream(app, body), 413, 'ErrorMessageSizeExceeded', /its start names no EWS operation/);
    expect(taken.bytes).toBeLessThan(MB + 64 * 1024);
    expect(mailbox.calls).toEqual([]);
  });

  const cases: [string, string, number, string, RegExp][] = [
    ['malformed XML', '<soap:Envelope', 500, 'ErrorSchemaValidation', /malformed XML/],
    ['not SOAP', '<hello/>', 500, 'ErrorSchemaValidation', /expected a SOAP 1.1 Envelope/],
    [
      'a DOCTYPE with entities',
      '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>' + getInbox.slice(38),
      500,
      'ErrorSchemaValidation',
      /DOCTYPE/,
    ],
    [
      'deep nesting',
      getInbox.replace('<m:GetFolder', '<x:a xmlns:x="urn:x">'.repeat(200) + '<m:GetFolder'),
      500,
      'ErrorSchemaValidation',
      /nested deeper than 64/,
    ],
    [
      'an unknown operation',
      getInbox.replace(/GetFolder/g, 'Subscribe'),
      500,
      'ErrorInvalidRequest',
      /operation Subscribe is not supported/,
    ],
    [
      'an operation the codec cannot read',
      encodeRequest(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: { distinguished: 'inbox' },
        maxChangesReturned: 10,
      }).replace(
        '<m:MaxChangesReturned>10</m:MaxChangesReturned>',
        '<m:MaxChangesReturned>9000</m:MaxChangesReturned>',
      ),
      500,
      'ErrorSchemaValidation',
      /not valid EWS: MaxChangesReturned must be 1–512, not 9000/,
    ],
    [
      'ExchangeImpersonation',
      getInbox.replace(
        '</soap:Header>',
        '<t:ExchangeImpersonation xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:ConnectingSID><t:PrimarySmtpAddress>ceo@tern.test</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation></soap:Header>',
      ),
      403,
      'ErrorImpersonationDenied',
      /ExchangeImpersonation is not allowed/,
    ],
  ];

  it.each(cases)(
    'refuses %s with a fault saying so, and reaches nothing',
    async (_name, body, status, code, message) => {
      const { app, mailbox } = setup();
      await refused(await postExchange(app, body), status, code, message);
      expect(mailbox.calls).toEqual([]);
    },
  );

  it('refuses a body that is not UTF-8', async () => {
    const { app, mailbox } = setup();
    const res = await post(app, new Uint8Array([0x3c, 0xff, 0xfe, 0x3e]), { ...auth, 'content-type': XML });
    await refused(res, 400, 'ErrorSchemaValidation', /not UTF-8/);
    expect(mailbox.calls).toEqual([]);
  });

  it('answers an unexpected failure with a SOAP fault and logs it', async () => {
    const mailbox = recording(shared);
    mailbox.handle = async () => {
      throw new Error('disk on fire');
    };
    const logged: unknown[] = [];
    const app = createApp({ mailbox, log: (_m, e) => logged.push(e) });
    await refused(await postExchange(app, getInbox), 500, 'ErrorInternalServerError', /failure is logged/);
    expect(String(logged[0])).toMatch(/disk on fire/);
  });
});
