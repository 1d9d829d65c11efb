import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from './operations/registry.js';
import { encodeRequest, encodeResponse } from './soap/envelope.js';
import { SyncFolderItemsServer, type SyncFolderItemsMessage } from './operations/sync-folder-items.js';
import { GetItem, GetItemServer } from './operations/get-item.js';
import { FindItem } from './operations/find-item.js';
import { ConvertIdServer } from './operations/convert-id.js';
import type { Item, ItemChange, Response } from './types.js';
import { clean, hostile } from '../../test/support/ews-arbitraries.js';
import { validateEws, type XsdResult } from '../../test/support/xsd.js';

// What the codec writes must be what Exchange's schema says, element order included: real clients
// (ews-javascript-api, Thunderbird, exchangelib) parse by that order, and Exchange rejects requests
// that fail it with ErrorSchemaValidation.
async function expectValid(...docs: string[]): Promise<void> {
  const results = await Promise.all(docs.map(validateEws));
  const failures = results.flatMap((r, i) => (r.valid ? [] : [`document ${i}: ${r.errors.join('; ')}`]));
  expect(failures).toEqual([]);
  expect(results).toHaveLength(docs.length);
}

// Sampled values for every operation, both directions, plain and hostile text. They are validated
// in one xmllint run (compiling the schema is most of the cost); each test then reads its verdicts.
const SAMPLES = 25;
const sampled = Object.entries(OPERATIONS).map(([name, op]) => {
  const requests = [...fc.sample(clean.requests[name]!, SAMPLES), ...fc.sample(hostile.requests[name]!, SAMPLES)];
  const messages = [...fc.sample(clean.messages[name]!, SAMPLES), ...fc.sample(hostile.messages[name]!, SAMPLES)];
  return {
    name,
    requests: requests.map((r) => encodeRequest(op, r)),
    responses: [...messages.map((m) => encodeResponse(op, [m as never])), encodeResponse(op, messages as never[])],
  };
});
const verdicts = new Map<string, XsdResult>();
beforeAll(async () => {
  const docs = sampled.flatMap((s) => [...s.requests, ...s.responses]);
  const results = await Promise.all(docs.map(validateEws));
  docs.forEach((doc, i) => verdicts.set(doc, results[i]!));
});
const failuresOf = (docs: string[]) =>
  docs.flatMap((doc, i) =>
    verdicts.get(doc)!.valid ? [] : [`document ${i}: ${verdicts.get(doc)!.errors.join('; ')}`],
  );

describe.each(sampled)('$name', ({ requests, responses }) => {
  it('encodes requests that validate against messages.xsd', () => {
    expect(failuresOf(requests)).toEqual([]);
  });
  it('encodes responses that validate against messages.xsd', () => {
    expect(failuresOf(responses)).toEqual([]);
  });
});

/** A Message with every property the codec knows, as GetItem AllProperties would return it. */
function fullMessage(n: number): Item {
  const who = (name: string) => ({
    name,
    emailAddress: `${name.toLowerCase()}@tern.test`,
    routingType: 'SMTP',
    mailboxType: 'Mailbox',
  });
  return {
    kind: 'Message',
    mimeContent: 'UmVjZWl2ZWQ6IGZyb20gdGVybg==',
    itemId: { id: `AAMkAD${n}=`, changeKey: `CQAAABYA${n}` },
    parentFolderId: { id: 'AQMkADinbox', changeKey: 'AQAAAA==' },
    itemClass: 'IPM.Note',
    subject: `Quarterly <report> & "numbers" #${n}`,
    sensitivity: 'Normal',
    body: { bodyType: 'HTML', value: '<html><body><p>Hi &amp; bye</p></body></html>\r\n', isTruncated: false },
    attachments: [
      {
        kind: 'FileAttachment',
        attachmentId: `att-${n}`,
        name: 'q3.pdf',
        contentType: 'application/pdf',
        size: 12,
        isInline: false,
        isContactPhoto: false,
        content: 'JVBERi0xLjQK',
      },
      {
        kind: 'ItemAttachment',
        attachmentId: `att-${n}-2`,
        name: 'Fwd',
        item: { kind: 'Message', subject: 'inner', isRead: true },
      },
    ],
    dateTimeReceived: '2024-05-01T09:30:00Z',
    size: 40960 + n,
    categories: ['Red category', 'Work'],
    importance: 'High',
    inReplyTo: '<a1@tern.test>',
    isSubmitted: false,
    isDraft: false,
    isFromMe: false,
    internetMessageHeaders: [{ name: 'X-Tern', value: 'yes' }],
    dateTimeSent: '2024-05-01T09:29:58Z',
    dateTimeCreated: '2024-05-01T09:30:00Z',
    displayCc: 'Ada',
    displayTo: 'Demo',
    hasAttachments: true,
    extendedProperties: [{ field: { propertyTag: '0x1081', propertyType: 'Integer' }, value: '102' }],
    lastModifiedTime: '2024-05-01T09:30:01Z',
    conversationId: { id: 'AAQkADconv' },
    flag: { flagStatus: 'Flagged', startDate: '2024-05-01T00:00:00Z', dueDate: '2024-05-03T00:00:00Z' },
    preview: 'Hi & bye',
    textBody: { bodyType: 'Text', value: 'Hi & bye' },
    sender: who('Ada'),
    toRecipients: [who('Demo'), who('Grace')],
    ccRecipients: [who('Alan')],
    bccRecipients: [],
    isReadReceiptRequested: false,
    isDeliveryReceiptRequested: false,
    conversationIndex: 'AQHRckokLWVHQYLU',
    conversationTopic: 'Quarterly report',
    from: who('Ada'),
    internetMessageId: `<m${n}@tern.test>`,
    isRead: n % 2 === 0,
    references: '<a1@tern.test>',
    replyTo: [who('Ada')],
  };
}

function mixedChanges(count: number): ItemChange[] {
  return Array.from({ length: count }, (_, i): ItemChange => {
    const itemId = { id: `AAMkAD${i}=`, changeKey: `CQAAABYA${i}` };
    switch (i % 4) {
      case 0:
        return { type: 'Create', item: fullMessage(i) };
      case 1:
        return { type: 'Update', item: fullMessage(i) };
      case 2:
        return { type: 'ReadFlagChange', itemId, isRead: true };
      default:
        return { type: 'Delete', itemId };
    }
  });
}

describe('SyncFolderItems pages', () => {
  const page = (changes: ItemChange[], last: boolean): Response<SyncFolderItemsMessage> => ({
    responseClass: 'Success',
    responseCode: 'NoError',
    syncState: 'H4sIAAAAAAAEAO29B2AcSZY==',
    includesLastItemInRange: last,
    changes,
  });

  it('validates with 0, 1 and 512 changes of every kind, with full Message properties', async () => {
    const pages = [page([], true), page(mixedChanges(1), true), page(mixedChanges(512), false)];
    const xml = pages.map((p) => encodeResponse(SyncFolderItemsServer, [p]));
    expect(xml[2]!.match(/<t:(Create|Update|ReadFlagChange|Delete)>/g)).toHaveLength(512);
    await expectValid(...xml);
  });

  it('validates ErrorInvalidSyncStateData with its empty SyncState', async () => {
    const xml = encodeResponse(SyncFolderItemsServer, [
      {
        responseClass: 'Error',
        responseCode: 'ErrorInvalidSyncStateData',
        messageText: 'Synchronization state data is corrupt or otherwise invalid.',
        descriptiveLinkKey: 0,
      },
    ]);
    expect(xml).toContain('<m:ResponseCode>ErrorInvalidSyncStateData</m:ResponseCode>');
    await expectValid(xml);
  });

  it('validates ErrorServerBusy with BackOffMilliseconds in MessageXml', async () => {
    const xml = encodeResponse(SyncFolderItemsServer, [
      {
        responseClass: 'Error',
        responseCode: 'ErrorServerBusy',
        messageText: 'The server cannot service this request right now. Try again later.',
        messageXml: { BackOffMilliseconds: '5000' },
      },
    ]);
    expect(xml).toContain('<m:MessageXml><t:Value Name="BackOffMilliseconds">5000</t:Value></m:MessageXml>');
    await expectValid(xml);
  });
});

describe('GetItem errors', () => {
  it('validates ErrorItemNotFound next to a success, with the empty Items Exchange sends', async () => {
    const xml = encodeResponse(GetItemServer, [
      { responseClass: 'Success', responseCode: 'NoError', items: [fullMessage(1)] },
      {
        responseClass: 'Error',
        responseCode: 'ErrorItemNotFound',
        messageText: 'The specified object was not found in the store.',
        descriptiveLinkKey: 0,
        items: [],
      },
    ]);
    expect(xml).toMatch(
      /<m:ResponseCode>ErrorItemNotFound<\/m:ResponseCode><m:DescriptiveLinkKey>0<\/m:DescriptiveLinkKey><m:Items(\/>|><\/m:Items>)/,
    );
    await expectValid(xml);
  });
});

describe('FindItem requests', () => {
  it('validates a restriction, a sort order and an IndexedPageItemView together', async () => {
    const xml = encodeRequest(FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
      view: { kind: 'Indexed', maxEntriesReturned: 50, offset: 100, basePoint: 'Beginning' },
      restriction: {
        op: 'And',
        items: [
          { op: 'IsEqualTo', path: { fieldURI: 'message:IsRead' }, value: 'false' },
          {
            op: 'Contains',
            path: { fieldURI: 'item:Subject' },
            value: 'report',
            containmentMode: 'Substring',
            containmentComparison: 'IgnoreCase',
          },
          { op: 'Not', item: { op: 'Exists', path: { extended: { propertyTag: '0x1081', propertyType: 'Integer' } } } },
        ],
      },
      sortOrder: [{ order: 'Descending', path: { fieldURI: 'item:DateTimeReceived' } }],
      parentFolderIds: [{ distinguished: 'inbox' }],
    });
    expect(xml).toContain('<m:IndexedPageItemView MaxEntriesReturned="50" Offset="100" BasePoint="Beginning"/>');
    await expectValid(xml);
  });

  it('validates a CalendarView', async () => {
    const xml = encodeRequest(FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'Default' },
      view: {
        kind: 'Calendar',
        maxEntriesReturned: 100,
        startDate: '2024-05-01T00:00:00Z',
        endDate: '2024-06-01T00:00:00Z',
      },
      parentFolderIds: [{ distinguished: 'calendar' }],
    });
    expect(xml).toContain(
      '<m:CalendarView MaxEntriesReturned="100" StartDate="2024-05-01T00:00:00Z" EndDate="2024-06-01T00:00:00Z"/>',
    );
    await expectValid(xml);
  });
});

describe('ConvertId responses', () => {
  it('types the abstract AlternateId with xsi:type, as the schema requires', async () => {
    const xml = encodeResponse(ConvertIdServer, [
      {
        responseClass: 'Success',
        responseCode: 'NoError',
        alternateId: { format: 'EwsId', id: 'AAMkAD=', mailbox: 'demo@tern.test' },
      },
    ]);
    expect(xml).toContain(
      '<m:AlternateId xsi:type="t:AlternateIdType" Format="EwsId" Id="AAMkAD=" Mailbox="demo@tern.test"/>',
    );
    await expectValid(xml);
    const untyped = xml.replace(' xsi:type="t:AlternateIdType"', '');
    expect((await validateEws(untyped)).valid).toBe(false);
  });
});

describe('validateEws', () => {
  // The helper itself must be able to say no, or every test above passes vacuously.
  it('rejects elements out of schema order, bad enumerations and malformed XML', async () => {
    const good = encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: 'a' }] });
    const [ok, order, enumeration, malformed] = await Promise.all(
      [
        good,
        good.replace(/(<m:ItemShape>.*<\/m:ItemShape>)(<m:ItemIds>.*<\/m:ItemIds>)/, '$2$1'),
        good.replace('IdOnly', 'Everything'),
        good.slice(0, -20),
      ].map(validateEws),
    );
    expect(ok).toEqual({ valid: true, errors: [] });
    expect(order!.valid).toBe(false);
    expect(order!.errors.join()).toContain('ItemIds');
    expect(enumeration!.errors.join()).toContain("'Everything'");
    expect(malformed!.valid).toBe(false);
  });
});
