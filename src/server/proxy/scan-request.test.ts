import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodecError,
  CreateItem,
  DEFAULT_LIMITS,
  GetItem,
  NS,
  SyncFolderItems,
  decodeRequest,
  encodeRequest,
  type XmlLimits,
} from '../../ews/index.js';
import { scanRequest } from './scan-request.js';

const LIMITS: XmlLimits = {
  ...DEFAULT_LIMITS,
  maxLength: 1_000_000,
  maxDepth: 64,
  maxElements: 10_000,
  maxAttributes: 64,
};
const SAMPLES = new URL('../../../test/fixtures/ews-samples/', import.meta.url);

const sync = encodeRequest(SyncFolderItems, {
  itemShape: { baseShape: 'IdOnly' },
  syncFolderId: { distinguished: 'inbox' },
  maxChangesReturned: 512,
});
const soap = (body: string, header = '', decl = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${decl}<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
  `${header && `<soap:Header>${header}</soap:Header>`}<soap:Body>${body}</soap:Body></soap:Envelope>`;
const getItem = '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape></m:GetItem>';

function refusal(xml: string, limits = LIMITS): CodecError {
  try {
    scanRequest(xml, limits);
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('the scan accepted it');
}

describe('scanRequest', () => {
  it('names the operation and the headers of what the codec writes', () => {
    expect(scanRequest(sync, LIMITS)).toEqual({ name: 'SyncFolderItems', headers: ['RequestServerVersion'] });
    const get = encodeRequest(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [{ id: 'a>b<c&d"' }] });
    expect(scanRequest(get, LIMITS).name).toBe('GetItem');
  });

  it('agrees with the codec on every real EWS sample (all answers: the Body element is the name)', () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const xml = readFileSync(new URL(file, SAMPLES), 'utf8');
      expect({ file, scan: outcome(xml) }).toEqual({ file, scan: codecOutcome(xml) });
    }
  });

  it('reads names by namespace, never by prefix', () => {
    const other = `<?xml version="1.0"?><e:Envelope xmlns:e="${NS.soap}"><e:Body><GetItem xmlns="${NS.m}"/></e:Body></e:Envelope>`;
    expect(scanRequest(other, LIMITS).name).toBe('GetItem');
    // m: rebound to another namespace on the operation itself.
    expect(refusal(soap('<m:Subscribe xmlns:m="urn:evil"/>')).message).toMatch(/not in the EWS messages namespace/);
    // The default namespace is not the messages namespace.
    expect(refusal(soap('<GetItem/>')).message).toMatch(/not in the EWS messages namespace/);
    // A Body in another namespace is not the SOAP Body.
    const fake = soap(`<x:Body xmlns:x="urn:fake"/>`).replace('<soap:Body>', '').replace('</soap:Body>', '');
    expect(refusal(fake).kind).toBe('not-soap');
    // A reference in a namespace name is resolved, as the upstream's parser resolves it.
    const escaped = soap(`<q:GetItem xmlns:q="${NS.m.replace('messages', '&#109;essages')}"/>`);
    expect(scanRequest(escaped, LIMITS).name).toBe('GetItem');
    expect(refusal(soap('<q:GetItem xmlns:q="&evil;"/>')).kind).toBe('malformed-xml');
    expect(refusal(soap('<z:GetItem/>')).message).toMatch(/prefix z, which is not declared/);
    // Names past ASCII are names too, as XML defines them.
    expect(scanRequest(soap('<m:GetItem><t:naïve é="1"/></m:GetItem>'), LIMITS).name).toBe('GetItem');
    expect(scanRequest(soap('<m:GetItemé/>'), LIMITS).name).toBe('GetItemé');
    expect(refusal(soap('<m:GetItem\u00d7/>')).kind).toBe('malformed-xml');
  });

  it('never takes a tag inside a comment, CDATA, an attribute value or a PI for an element', () => {
    expect(scanRequest(soap(`<!-- <m:Subscribe/> -->${getItem}`), LIMITS).name).toBe('GetItem');
    const cdata = getItem.replace('IdOnly', '<![CDATA[</m:GetItem><m:Subscribe>]]>');
    expect(scanRequest(soap(cdata), LIMITS).name).toBe('GetItem');
    expect(scanRequest(soap(`<m:GetItem a="/>&lt;m:Subscribe/>"/>`), LIMITS).name).toBe('GetItem');
    expect(scanRequest(soap(`<m:GetItem a='x>y'/>`), LIMITS).name).toBe('GetItem');
    expect(scanRequest(soap(`<?pi <m:Subscribe/> ?>${getItem}`), LIMITS).name).toBe('GetItem');
    // An identity header hidden in a comment is no header; one in the open is.
    const hidden = '<!-- <t:ExchangeImpersonation/> --><t:RequestServerVersion Version="Exchange2013_SP1"/>';
    expect(scanRequest(soap(getItem, hidden), LIMITS).headers).toEqual(['RequestServerVersion']);
    expect(scanRequest(soap(getItem, '<t:ExchangeImpersonation/>'), LIMITS).headers).toEqual(['ExchangeImpersonation']);
  });

  it('refuses comments that are not well-formed, and unclosed sections', () => {
    expect(refusal(soap(`<!-- a -- b -->${getItem}`)).kind).toBe('malformed-xml');
    expect(refusal(soap(`<!-- a --->${getItem}`)).kind).toBe('malformed-xml');
    expect(refusal(soap(`${getItem}<!-- open`)).kind).toBe('malformed-xml');
    expect(refusal(soap('<m:GetItem><![CDATA[ open')).kind).toBe('malformed-xml');
    expect(refusal(soap(`<?pi open${getItem}`)).kind).toBe('malformed-xml');
    expect(refusal(soap(`<![CDATA[x]]>${getItem}`)).kind).toBe('not-soap');
  });

  it('refuses any DTD, wherever it is', () => {
    const dtd = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>';
    expect(refusal(`<?xml version="1.0"?>${dtd}<x>&e;</x>`).kind).toBe('forbidden-dtd');
    expect(refusal(`${dtd}${soap(getItem, '', '')}`).kind).toBe('forbidden-dtd');
    expect(refusal(soap(`<m:GetItem>${dtd}</m:GetItem>`)).kind).toBe('forbidden-dtd');
    expect(refusal(soap(`<m:GetItem><!doctype x></m:GetItem>`)).kind).toBe('forbidden-dtd');
    expect(refusal(soap(`<!ENTITY e "x">${getItem}`)).kind).toBe('forbidden-dtd');
  });

  it('refuses declarations it cannot vouch for: another encoding or version, or one not first', () => {
    expect(scanRequest(soap(getItem, '', `<?xml version='1.0' encoding='UTF-8' standalone='yes'?>`), LIMITS).name).toBe(
      'GetItem',
    );
    expect(refusal(soap(getItem, '', '<?xml version="1.0" encoding="utf-7"?>')).message).toMatch(/encoding "utf-7"/);
    expect(refusal(soap(getItem, '', '<?xml version="1.1"?>')).kind).toBe('malformed-xml');
    expect(refusal(soap(getItem, '', ' <?xml version="1.0"?>')).kind).toBe('malformed-xml');
  });

  it('refuses a Body with more or less than one operation, and an Envelope out of order', () => {
    expect(refusal(soap(`${getItem}<m:Subscribe/>`)).message).toMatch(/more than one element/);
    expect(refusal(soap('')).message).toMatch(/Body is empty/);
    expect(refusal(soap(`text${getItem}`)).message).toMatch(/text where SOAP allows none/);
    const twoBodies = soap(getItem).replace(
      '</soap:Envelope>',
      '<soap:Body><m:Subscribe/></soap:Body></soap:Envelope>',
    );
    expect(refusal(twoBodies).message).toMatch(/out of place/);
    const lateHeader = soap(getItem).replace(
      '</soap:Envelope>',
      '<soap:Header><t:ExchangeImpersonation/></soap:Header></soap:Envelope>',
    );
    expect(refusal(lateHeader).message).toMatch(/out of place/);
    expect(refusal(`<soap:Envelope xmlns:soap="${NS.soap}"/>`).message).toMatch(/no Body/);
    expect(refusal(`<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"/>`).message).toMatch(/SOAP 1.1/);
  });

  it('refuses what is not well-formed', () => {
    for (const xml of [
      '',
      'plain words',
      '<soap:Envelope',
      soap('<m:GetItem></m:GetItemX>'),
      soap('<m:GetItem>'),
      soap('<m:GetItem a="1" a="2"/>'),
      soap('<m:GetItem a="1"b="2"/>'),
      soap('<m:GetItem a="<"/>'),
      soap('<m:GetItem a=1/>'),
      soap('<1GetItem/>'),
      soap(getItem) + '<more/>',
      soap(getItem) + 'text',
    ])
      expect(refusal(xml).kind, xml).toMatch(/malformed-xml|not-soap/);
  });

  it('stays within its limits', () => {
    const deep = `<m:GetItem>${'<t:x>'.repeat(70)}${'</t:x>'.repeat(70)}</m:GetItem>`;
    expect(refusal(soap(deep)).kind).toBe('too-deep');
    const many = `<m:GetItem>${'<t:x/>'.repeat(10_001)}</m:GetItem>`;
    expect(refusal(soap(many)).kind).toBe('too-many-elements');
    const attrs = Array.from({ length: 65 }, (_, k) => `a${k}="1"`).join(' ');
    expect(refusal(soap(`<m:GetItem ${attrs}/>`)).kind).toBe('too-many-attributes');
    expect(refusal(soap(getItem), { ...LIMITS, maxLength: 100 }).kind).toBe('too-large');
  });

  it('scans a large CreateItem without reading its attachment', () => {
    const content = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
    const xml = encodeRequest(CreateItem, {
      messageDisposition: 'SaveOnly',
      items: [{ kind: 'Message', subject: 'big', attachments: [{ kind: 'FileAttachment', name: 'a.bin', content }] }],
    });
    expect(xml).toContain(content);
    expect(scanRequest(xml, { ...LIMITS, maxLength: 8 * 1024 * 1024 }).name).toBe('CreateItem');
  });

  it('never names another operation than the codec does, whatever is spliced into a request', () => {
    const fragments = [
      '<!-- <m:Subscribe/> -->',
      '<![CDATA[</m:SyncFolderItems><m:Subscribe>]]>',
      '<?pi x?>',
      '<m:Subscribe/>',
      '<m:Subscribe xmlns:m="urn:x"/>',
      `<Subscribe xmlns="${NS.m}"/>`,
      '</soap:Body>',
      '<soap:Body>',
      '<soap:Header><t:ExchangeImpersonation/></soap:Header>',
      '<t:ExchangeImpersonation/>',
      '<!DOCTYPE x>',
      '&amp;',
      '&e;',
      'text',
      ' ',
      '"',
      '>',
      '<',
      '-->',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: sync.length }), fc.constantFrom(...fragments)), { minLength: 1, maxLength: 3 }),
        (splices) => {
          let xml = sync;
          for (const [at, text] of [...splices].sort((a, b) => b[0] - a[0]))
            xml = xml.slice(0, at) + text + xml.slice(at);
          const scanned = outcome(xml);
          const codec = codecOutcome(xml);
          // Where both read it, they read the same operation and the same headers; where the codec
          // refuses the document's structure (not merely its text), so does the scan.
          if (scanned.ok && codec.ok) expect(scanned).toEqual(codec);
          if (!codec.ok && codec.kind !== 'malformed-xml') expect(scanned.ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

type Outcome = { ok: true; name: string; headers: string[] } | { ok: false; kind: string };

function outcome(xml: string): Outcome {
  try {
    const { name, headers } = scanRequest(xml, LIMITS);
    return { ok: true, name, headers };
  } catch (e) {
    if (e instanceof CodecError) return { ok: false, kind: e.kind };
    throw e;
  }
}

function codecOutcome(xml: string): Outcome {
  try {
    const { name, header } = decodeRequest(xml, LIMITS);
    return { ok: true, name, headers: header?.children.map((h) => h.local) ?? [] };
  } catch (e) {
    if (e instanceof CodecError) return { ok: false, kind: e.kind };
    throw e;
  }
}
