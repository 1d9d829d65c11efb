import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, SoapFault, type CodecErrorKind } from '../errors.js';
import { NS } from '../namespaces.js';
import type { Operation } from '../operation.js';
import { DEFAULT_LIMITS } from '../xml/read.js';
import { GetItem, GetItemServer } from '../operations/get-item.js';
import { GetFolder, GetFolderServer } from '../operations/get-folder.js';
import { GetAttachment, GetAttachmentServer } from '../operations/get-attachment.js';
import { SyncFolderItems, SyncFolderItemsServer } from '../operations/sync-folder-items.js';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from './envelope.js';
import { encodeFault } from './fault.js';
import { clean, hostile, normalise } from '../../../test/support/ews-arbitraries.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};
const expectCodecError = (f: () => unknown, kind: CodecErrorKind, message: RegExp) => {
  const e = thrown(f);
  expect(e).toBeInstanceOf(CodecError);
  expect((e as CodecError).kind).toBe(kind);
  expect((e as CodecError).message).toMatch(message);
};

const envelope = (body: string, bodyAttrs = '') =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${NS.soap}"><s:Body${bodyAttrs}>${body}</s:Body></s:Envelope>`;
const getItemResponse = encodeResponse(GetItemServer, [
  { responseClass: 'Success', responseCode: 'NoError', items: [{ kind: 'Message', subject: 'Hello' }] },
]);

describe('decodeResponse', () => {
  it('reads what encodeResponse wrote, with the server version', () => {
    const { messages, server } = decodeResponse(GetItem, getItemResponse);
    expect(messages).toEqual([
      { responseClass: 'Success', responseCode: 'NoError', items: [{ kind: 'Message', subject: 'Hello' }] },
    ]);
    expect(server?.version).toBe('V2018_01_08');
  });

  it('refuses a body that is not SOAP, saying what it is', () => {
    expectCodecError(() => decodeResponse(GetItem, '<foo xmlns="urn:x"/>'), 'not-soap', /found <foo> in "urn:x"/);
    expectCodecError(
      () => decodeResponse(GetItem, '<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body/></Envelope>'),
      'not-soap',
      /expected a SOAP 1.1 Envelope, found <Envelope> in "http:\/\/www.w3.org\/2003\/05\/soap-envelope"/,
    );
    expectCodecError(
      () => decodeResponse(GetItem, `<s:Envelope xmlns:s="${NS.soap}"><s:Header/></s:Envelope>`),
      'not-soap',
      /the SOAP Envelope has no Body/,
    );
  });

  it('calls an HTML page an HTML page, even with a DOCTYPE', () => {
    const iis =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>IIS 7.5 Detailed Error - 500.0 - Internal Server Error</title></head><body>&nbsp;</body></html>';
    expectCodecError(
      () => decodeResponse(GetItem, iis),
      'not-soap',
      /^an HTML page \("IIS 7.5 Detailed Error - 500.0 - Internal Server Error"\) came instead of a SOAP envelope$/,
    );
    expectCodecError(
      () => decodeResponse(GetItem, '\n<!-- portal --><HTML><body>Sign in to the hotel Wi-Fi'),
      'not-soap',
      /^an HTML page came instead/,
    );
    // A DOCTYPE that is not an HTML page is still refused as one.
    expectCodecError(
      () => decodeResponse(GetItem, `<!DOCTYPE s:Envelope>${getItemResponse}`),
      'forbidden-dtd',
      /DOCTYPE/,
    );
  });

  it('refuses an empty Body', () => {
    expectCodecError(
      () => decodeResponse(GetItem, envelope('')),
      'not-soap',
      /^the SOAP Body is empty: expected GetItemResponse$/,
    );
    expectCodecError(() => decodeResponse(GetItem, envelope('  \r\n ')), 'not-soap', /the SOAP Body is empty/);
  });

  it('refuses the response of another operation, naming both', () => {
    const folder = encodeResponse(GetFolderServer, [
      { responseClass: 'Success', responseCode: 'NoError', folders: [] },
    ]);
    expectCodecError(
      () => decodeResponse(GetItem, folder),
      'unexpected',
      /^expected GetItemResponse, the server sent GetFolderResponse$/,
    );
  });

  it('refuses a response without ResponseMessages and a message without a valid ResponseClass', () => {
    expectCodecError(
      () => decodeResponse(GetItem, envelope(`<m:GetItemResponse xmlns:m="${NS.m}"/>`)),
      'unexpected',
      /GetItemResponse has no ResponseMessages/,
    );
    const noClass = getItemResponse.replace(' ResponseClass="Success"', '');
    expectCodecError(
      () => decodeResponse(GetItem, noClass),
      'unexpected',
      /<GetItemResponseMessage> has ResponseClass ""/,
    );
    const badClass = getItemResponse.replace('ResponseClass="Success"', 'ResponseClass="Fine"');
    expectCodecError(() => decodeResponse(GetItem, badClass), 'unexpected', /has ResponseClass "Fine"/);
  });

  it('refuses values that are not what the schema types say', () => {
    const wrongBool = encodeResponse(SyncFolderItemsServer, [
      { responseClass: 'Success', responseCode: 'NoError', syncState: 's', includesLastItemInRange: true, changes: [] },
    ]).replace('>true<', '>yes<');
    expectCodecError(() => decodeResponse(SyncFolderItems, wrongBool), 'unexpected', /"yes" is not an xs:boolean/);
    const wrongInt = getItemResponse.replace('</t:Subject>', '</t:Subject><t:Size>12kB</t:Size>');
    expectCodecError(() => decodeResponse(GetItem, wrongInt), 'unexpected', /"12kB" is not an xs:int/);
  });

  it('applies the limits it is given', () => {
    expectCodecError(
      () => decodeResponse(GetItem, getItemResponse, { ...DEFAULT_LIMITS, maxDepth: 5 }),
      'too-deep',
      /nested deeper than 5/,
    );
    expectCodecError(
      () => decodeResponse(GetItem, getItemResponse, { ...DEFAULT_LIMITS, maxLength: 100 }),
      'too-large',
      /exceeds the limit of 100/,
    );
  });

  it('throws a SoapFault for a fault, whatever the operation', () => {
    const xml = encodeFault({ code: 'ErrorServerBusy', message: 'Busy', values: { BackOffMilliseconds: '1500' } });
    for (const op of [GetItem, GetFolder, SyncFolderItems] as Operation<unknown, unknown>[]) {
      const e = thrown(() => decodeResponse(op, xml));
      expect(e).toBeInstanceOf(SoapFault);
      expect(e).toMatchObject({ code: 'ErrorServerBusy', message: 'ErrorServerBusy: Busy', backOffMs: 1500 });
    }
  });

  it('round-trips a fault with hostile text and values', () => {
    fc.assert(
      fc.property(hostile.text, fc.dictionary(hostile.text, hostile.text, { maxKeys: 3 }), (message, values) => {
        const e = thrown(() => decodeResponse(GetItem, encodeFault({ code: 'ErrorAccessDenied', message, values })));
        expect(e).toBeInstanceOf(SoapFault);
        expect((e as SoapFault).code).toBe('ErrorAccessDenied');
        expect((e as SoapFault).message).toBe(`ErrorAccessDenied: ${normalise(message).trim()}`);
        expect((e as SoapFault).values).toEqual(normalise(values));
      }),
    );
  });

  it('refuses every truncation of a real response as malformed XML', () => {
    fc.assert(
      fc.property(clean.messages['GetItem']!, fc.double({ min: 0, max: 1, maxExcluded: true }), (msg, at) => {
        const xml = encodeResponse(GetItemServer, [msg as never]);
        const e = thrown(() => decodeResponse(GetItem, xml.slice(0, Math.floor(at * xml.length))));
        expect(e).toBeInstanceOf(CodecError);
        expect((e as CodecError).kind).toBe('malformed-xml');
      }),
    );
  });

  it('answers any corruption of a response with a value, a CodecError or a SoapFault, nothing else', () => {
    const edit = fc.tuple(
      fc.double({ min: 0, max: 1, maxExcluded: true }),
      fc.integer({ min: 0, max: 12 }),
      fc.constantFrom('', '<', '>', '&', '"', '/', 'x', '<m:Items>', '</t:Message>', 'Error', '\u0000'),
    );
    fc.assert(
      fc.property(clean.messages['SyncFolderItems']!, fc.array(edit, { minLength: 1, maxLength: 4 }), (msg, edits) => {
        let xml = encodeResponse(SyncFolderItemsServer, [msg as never]);
        for (const [at, drop, insert] of edits) {
          const i = Math.floor(at * xml.length);
          xml = xml.slice(0, i) + insert + xml.slice(i + drop);
        }
        try {
          const { messages } = decodeResponse(SyncFolderItems, xml);
          expect(Array.isArray(messages)).toBe(true);
        } catch (e) {
          if (!(e instanceof CodecError) && !(e instanceof SoapFault)) throw e;
          expect(e.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeRequest', () => {
  const request = encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: 'a' }] });

  it('names the operation by the body element and reads the requested server version', () => {
    const decoded = decodeRequest(request);
    expect(decoded.name).toBe('GetItem');
    expect(decoded.requestServerVersion).toBe('Exchange2013_SP1');
    expect(GetItemServer.readRequest(decoded.element)).toEqual({
      itemShape: { baseShape: 'IdOnly' },
      itemIds: [{ id: 'a' }],
    });
  });

  it('refuses an empty Body and an element outside the messages namespace', () => {
    expectCodecError(
      () => decodeRequest(envelope('')),
      'not-soap',
      /^the SOAP Body is empty: it must hold one EWS operation$/,
    );
    expectCodecError(
      () => decodeRequest(envelope('<GetItem xmlns="urn:not-ews"/>')),
      'not-soap',
      /<GetItem> is not in the EWS messages namespace/,
    );
  });

  it('refuses a second Header, a second Body, anything else in the Envelope, and a second operation', () => {
    const S = 'http://schemas.xmlsoap.org/soap/envelope/';
    const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
    const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
    const op = `<m:GetFolder xmlns:m="${M}" xmlns:t="${T}"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`;
    const doc = (inner: string) => `<s:Envelope xmlns:s="${S}">${inner}</s:Envelope>`;
    const impersonate = `<s:Header><t:ExchangeImpersonation xmlns:t="${T}"><t:ConnectingSID><t:PrimarySmtpAddress>ceo@tern.test</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation></s:Header>`;
    expect(decodeRequest(doc(`<s:Header/><s:Body>${op}</s:Body>`)).name).toBe('GetFolder');
    expect(decodeRequest(doc(`<s:Body>${op}</s:Body>`)).name).toBe('GetFolder');
    // A reader that takes the last Header would act as someone else.
    expectCodecError(
      () => decodeRequest(doc(`<s:Header/>${impersonate}<s:Body>${op}</s:Body>`)),
      'not-soap',
      /^the SOAP Envelope must hold a Header and a Body, in that order, not Header, Header, Body$/,
    );
    expectCodecError(() => decodeRequest(doc(`<s:Body>${op}</s:Body>${impersonate}`)), 'not-soap', /not Body, Header/);
    expectCodecError(
      () => decodeRequest(doc(`<s:Body>${op}</s:Body><s:Body>${op}</s:Body>`)),
      'not-soap',
      /not Body, Body/,
    );
    expectCodecError(
      () => decodeRequest(doc(`<s:Body>${op}</s:Body><x:Extra xmlns:x="urn:x"/>`)),
      'not-soap',
      /not Body, <Extra>/,
    );
    expectCodecError(
      () => decodeRequest(doc(`<s:Body>${op}${op.replaceAll('GetFolder', 'DeleteFolder')}</s:Body>`)),
      'not-soap',
      /^the SOAP Body holds 2 elements: it must hold one EWS operation$/,
    );
  });

  it('refuses what is not SOAP before it looks for an operation', () => {
    expectCodecError(() => decodeRequest('<html><body>hi</body></html>'), 'not-soap', /an HTML page/);
    expectCodecError(() => decodeRequest('GetItem please'), 'malformed-xml', /malformed XML/);
    expectCodecError(() => decodeRequest(`<!DOCTYPE x [<!ENTITY e "GetItem">]>${request}`), 'forbidden-dtd', /DOCTYPE/);
  });

  it('refuses an attachment id without its Id, rather than asking for ""', () => {
    const xml = encodeRequest(GetAttachment, { attachmentIds: ['a1'] }).replace(' Id="a1"', '');
    expectCodecError(
      () => GetAttachmentServer.readRequest(decodeRequest(xml).element),
      'unexpected',
      /<AttachmentId> has no Id/,
    );
  });

  it('reads an operation element with missing parts as a CodecError naming the part', () => {
    const noShape = request.replace(/<m:ItemShape>.*<\/m:ItemShape>/, '');
    expectCodecError(
      () => GetItemServer.readRequest(decodeRequest(noShape).element),
      'unexpected',
      /BaseShape "\(missing\)" is not IdOnly, Default or AllProperties/,
    );
  });
});

describe('requests as the client meant them', () => {
  it("reads Thunderbird's unprefixed FlagStatus (default messages namespace) in the types namespace", async () => {
    const { UpdateItemServer } = await import('../operations/update-item.js');
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><soap:Body>' +
      '<UpdateItem xmlns="http://schemas.microsoft.com/exchange/services/2006/messages" ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><ItemChanges><t:ItemChange><t:ItemId Id="AAA"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><FlagStatus>Flagged</FlagStatus></t:Flag></t:Message></t:SetItemField></t:Updates></t:ItemChange></ItemChanges></UpdateItem>' +
      '</soap:Body></soap:Envelope>';
    const req = UpdateItemServer.readRequest(decodeRequest(xml).element);
    const update = req.itemChanges[0]!.updates[0]!;
    expect(update.kind === 'Set' && update.item.flag).toEqual({ flagStatus: 'Flagged' });
  });
});
