import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NS } from '../namespaces.js';
import { CreateItem } from '../operations/create-item.js';
import { GetItem } from '../operations/get-item.js';
import { decodeRequest, encodeRequest } from './envelope.js';
import { peekOperation } from './peek-operation.js';

const S = NS.soap;
const M = NS.m;
const T = NS.t;

describe('peekOperation', () => {
  const getItem = encodeRequest(GetItem, {
    itemShape: { baseShape: 'IdOnly' },
    itemIds: [{ id: 'AAMk1' }],
  });

  it('names the operation from the bytes up to its start tag', () => {
    const end = getItem.indexOf('<m:GetItem');
    const tagEnd = getItem.indexOf('>', end) + 1;
    expect(peekOperation(getItem)).toBe('GetItem');
    expect(peekOperation(getItem.slice(0, tagEnd))).toBe('GetItem');
    // Cut inside the start tag: its attributes are not all there, so it is not yet read.
    expect(peekOperation(getItem.slice(0, tagEnd - 1))).toBeUndefined();
    expect(peekOperation(getItem.slice(0, end))).toBeUndefined();
  });

  it('reads by namespace, whatever the prefixes', () => {
    const docs = [
      `<s:Envelope xmlns:s="${S}"><s:Body><CreateItem xmlns="${M}">`,
      `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S}" xmlns:ews="${M}"><SOAP-ENV:Header><t:RequestServerVersion xmlns:t="${T}" Version="Exchange2016"/></SOAP-ENV:Header><SOAP-ENV:Body><ews:CreateItem MessageDisposition="SaveOnly">`,
      `<?xml version="1.0" encoding="utf-8"?>\n<Envelope xmlns="${S}">\n  <Body>\n    <m:CreateItem xmlns:m="${M}">`,
    ];
    for (const doc of docs) expect(peekOperation(doc)).toBe('CreateItem');
  });

  it('reads past a long header, as the whole-document reader would', () => {
    const header = `<t:RequestServerVersion xmlns:t="${T}" Version="Exchange2013_SP1"/>`.repeat(5000);
    expect(
      peekOperation(`<s:Envelope xmlns:s="${S}"><s:Header>${header}</s:Header><s:Body><m:UpdateItem xmlns:m="${M}">`),
    ).toBe('UpdateItem');
  });

  it('names nothing for what is not the start of an EWS request', () => {
    const cases = [
      '',
      'not xml at all',
      `<!DOCTYPE x [<!ENTITY a "b">]><s:Envelope xmlns:s="${S}"><s:Body><m:CreateItem xmlns:m="${M}">`,
      `<Envelope><Body><m:CreateItem xmlns:m="${M}">`,
      `<s:Envelope xmlns:s="${S}"><s:Body><CreateItem>`,
      `<s:Envelope xmlns:s="${S}"><s:Body><t:CreateItem xmlns:t="${T}">`,
      // A second Header, or a Header after the Body: the operation decodeRequest refuses.
      `<s:Envelope xmlns:s="${S}"><s:Header/><s:Header/><s:Body><m:CreateItem xmlns:m="${M}">`,
      `<s:Envelope xmlns:s="${S}"><s:Body/><s:Body><m:CreateItem xmlns:m="${M}">`,
      `<s:Envelope xmlns:s="${S}"><x:Wrapper xmlns:x="urn:x"><s:Body><m:CreateItem xmlns:m="${M}">`,
      // An operation named deep inside the header is not the operation.
      `<s:Envelope xmlns:s="${S}"><s:Header><m:CreateItem xmlns:m="${M}">`,
      `<s:Envelope xmlns:s="${S}"><s:Body><m:GetItem xmlns:m="${M}" <`,
      `<s:Envelope xmlns:s="${S}"></x:Body>`,
    ];
    for (const head of cases) expect(peekOperation(head), head).toBeUndefined();
  });

  it('agrees with decodeRequest on every prefix of a request that decodes', () => {
    const create = encodeRequest(CreateItem, {
      messageDisposition: 'SaveOnly',
      items: [{ kind: 'Message', subject: 'ä ]]> & <b>', body: { bodyType: 'Text', value: 'x'.repeat(300) } }],
    });
    fc.assert(
      fc.property(fc.constantFrom(getItem, create), fc.nat(), (doc, n) => {
        const name = decodeRequest(doc).name;
        const cut = n % (doc.length + 1);
        const opens = doc.indexOf('>', doc.indexOf(`<m:${name}`)) + 1;
        expect(peekOperation(doc.slice(0, cut))).toBe(cut >= opens ? name : undefined);
      }),
    );
  });
});
