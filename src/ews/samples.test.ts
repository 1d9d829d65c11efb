import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NS } from './namespaces.js';
import { CodecError, SoapFault, parseBackOff } from './errors.js';
import type { Operation } from './operation.js';
import { decodeResponse, openEnvelope } from './soap/envelope.js';
import { parseXml } from './xml/read.js';
import { GetFolder } from './operations/get-folder.js';
import { GetItem } from './operations/get-item.js';
import { FindItem } from './operations/find-item.js';
import { FindFolder } from './operations/find-folder.js';
import { GetAttachment } from './operations/get-attachment.js';
import { CreateItem } from './operations/create-item.js';
import { DeleteItem } from './operations/delete-item.js';
import { MoveFolder } from './operations/folder-change.js';
import { SyncFolderItems } from './operations/sync-folder-items.js';
import { SyncFolderHierarchy } from './operations/sync-folder-hierarchy.js';
import type { Attachment, Item, ItemChange } from './types.js';

// Real Exchange responses (and a few documented or hand-written ones); see the samples' README for
// where each comes from. Each test names the fields a client relies on, so a failure points at one.
const DIR = new URL('../../test/fixtures/ews-samples/', import.meta.url);
const sample = (n: number) => {
  const file = readdirSync(DIR).find((f) => f.startsWith(`${String(n).padStart(2, '0')}-`));
  return readFileSync(new URL(file!, DIR), 'utf8');
};
const decode = <Msg>(op: Operation<unknown, Msg>, n: number) => decodeResponse(op, sample(n));
const onlyMessage = <Msg>(op: Operation<unknown, Msg>, n: number) => {
  const { messages } = decode(op, n);
  expect(messages).toHaveLength(1);
  return messages[0]!;
};
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};
const fault = (n: number, xml = sample(n)): SoapFault => {
  const e = thrown(() => decodeResponse(SyncFolderItems, xml));
  expect(e).toBeInstanceOf(SoapFault);
  return e as SoapFault;
};
const itemOf = (change: ItemChange | undefined): Item => {
  if (change?.type !== 'Create' && change?.type !== 'Update') throw new Error(`not a Create or Update`);
  return change.item;
};

describe('the samples', () => {
  it('are all here', () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith('.xml'))).toHaveLength(24);
  });
});

describe('GetFolder samples', () => {
  it('S01: reads an Exchange 2010 AllProperties folder and skips rights and permissions', () => {
    const { messages, server } = decode(GetFolder, 1);
    expect(server).toEqual({
      majorVersion: 14,
      minorVersion: 2,
      majorBuildNumber: 328,
      minorBuildNumber: 9,
      version: 'Exchange2010_SP2',
    });
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m.responseClass).toBe('Success');
    expect(m.responseCode).toBe('NoError');
    expect(m.folders).toEqual([
      {
        kind: 'Folder',
        folderId: {
          id: 'AAMkADhhNjgxMWMwLWFjMjAtNGMxYi1iMmVkLTYxN2ZjZjg0NjYxMwAuAAAAAABrjnF0sj+sSounzj9c5qzwAQBPRrS+NgN2TLdvauFC2S+xAACqkvK7AAA=',
          changeKey: 'AQAAABYAAABPRrS+NgN2TLdvauFC2S+xAACqkvLA',
        },
        parentFolderId: {
          id: 'AAMkADhhNjgxMWMwLWFjMjAtNGMxYi1iMmVkLTYxN2ZjZjg0NjYxMwAuAAAAAABrjnF0sj+sSounzj9c5qzwAQBPRrS+NgN2TLdvauFC2S+xAAAADPRWAAA=',
          changeKey: 'AQAAAA==',
        },
        displayName: 'non-distinguished-folder-subfolder',
        totalCount: 0,
        childFolderCount: 0,
        unreadCount: 0,
      },
    ]);
  });

  it('S02: answers two ids with two messages, in request order', () => {
    const { messages } = decode(GetFolder, 2);
    expect(messages.map((m) => m.responseClass)).toEqual(['Success', 'Success']);
    expect(messages.map((m) => m.folders?.[0]?.folderId?.changeKey)).toEqual([
      'AQAAABYAAABPRrS+NgN2TLdvauFC2S+xAAAADPR8',
      'AQAAABYAAABPRrS+NgN2TLdvauFC2S+xAACqkvLA',
    ]);
    expect(Object.keys(messages[0]!.folders![0]!)).toEqual(['kind', 'folderId']);
  });

  it('S03: reads the Exchange 2007 soap: prefix and t:ServerVersionInfo', () => {
    const { messages, server } = decode(GetFolder, 3);
    expect(server).toEqual({
      majorVersion: 8,
      minorVersion: 1,
      majorBuildNumber: 436,
      minorBuildNumber: 0,
      version: 'Exchange2007_SP1',
    });
    const f = messages[0]!.folders![0]!;
    expect(f.folderId?.id).toBe(
      'AAMkADIyMDQ2NDc3LWI5NWUtNGRjNi1iN2RiLWI1YWQ5ODQ1ZDA5OQAuAAAAAACivok1/cL1QIejMUXitFygAQAZqVFjEGG+Qo7TIVNxZT1qBJW+VRB4AAA=',
    );
    expect(f.displayName).toBe('non-distinguished-folder-subfolder');
    expect(f.unreadCount).toBe(0);
  });

  it('S04: reads ErrorItemNotFound with its text, link key and empty Folders', () => {
    const m = onlyMessage(GetFolder, 4);
    expect(m).toEqual({
      responseClass: 'Error',
      responseCode: 'ErrorItemNotFound',
      messageText: 'The specified object was not found in the store.',
      descriptiveLinkKey: 0,
      folders: [],
    });
  });

  it('S14: reads Exchange 2016 IdOnly with attributes on s:Body and indented markup', () => {
    const { messages, server } = decode(GetFolder, 14);
    expect(server?.version).toBe('V2017_07_11');
    expect(server?.majorBuildNumber).toBe(2507);
    expect(messages[0]!.folders).toEqual([
      {
        kind: 'Folder',
        folderId: {
          id: 'AQMkADRiZGNhMWIxLWIwOGMtNDQAZjktODk3OS0zZWIxODJjNmI4NWYALgAAA8ZmIFRjoG9PpiagjztHaIcBAFSUeaisgPtKo3c6hV+VzpcAAAIBCAAAAA==',
          changeKey: 'AQAAABYAAABUlHmorID7SqN3OoVflc6XAAAAAACW',
        },
      },
    ]);
  });
});

describe('MoveFolder, FindFolder and DeleteItem error samples', () => {
  it('S05: reads ErrorInvalidIdMalformed', () => {
    expect(onlyMessage(MoveFolder, 5)).toEqual({
      responseClass: 'Error',
      responseCode: 'ErrorInvalidIdMalformed',
      messageText: 'Id is malformed.',
      descriptiveLinkKey: 0,
      folders: [],
    });
  });

  it('S17: reads ErrorTooManyObjectsOpened with no RootFolder', () => {
    const m = onlyMessage(FindFolder, 17);
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorTooManyObjectsOpened');
    expect(m.messageText).toBe('Too many concurrent connections opened.');
    expect(m.descriptiveLinkKey).toBe(0);
    expect(m.rootFolder).toBeUndefined();
  });

  it('S18: reads the inner error of ErrorInternalServerError from MessageXml', () => {
    const m = onlyMessage(DeleteItem, 18);
    expect(m.responseCode).toBe('ErrorInternalServerError');
    expect(m.messageText).toBe('An internal server error occurred. The operation failed.');
    expect(m.messageXml).toEqual({
      InnerErrorMessageText: 'Cannot delete message because the folder is out of quota.',
      InnerErrorResponseCode: 'ErrorQuotaExceededOnDelete',
      InnerErrorDescriptiveLinkKey: '0',
    });
  });
});

describe('SOAP fault samples', () => {
  it('S06: reads the a:ErrorSchemaValidation fault with its MessageXml position', () => {
    const f = fault(6);
    expect(f.code).toBe('ErrorSchemaValidation');
    expect(f.message).toBe('ErrorSchemaValidation: The request failed schema validation.');
    expect(f.values['LineNumber']).toBe('2');
    expect(f.values['LinePosition']).toBe('630');
    expect(f.values['Violation']).toMatch(/^The 'Id' attribute is invalid - The value 'invalidparentid'/);
    expect(f.backOffMs).toBeUndefined();
  });

  it('S06 without detail: takes the code from the a: faultcode', () => {
    const bare = sample(6).replace(/<detail>.*<\/detail>/, '');
    expect(bare).not.toContain('<detail>');
    const f = fault(6, bare);
    expect(f.code).toBe('ErrorSchemaValidation');
    expect(f.message).toMatch(/^ErrorSchemaValidation: The request failed schema validation: The 'Id' attribute/);
  });

  it('S07: reads the Exchange 2007 soap11: fault with Line and Position in detail', () => {
    const f = fault(7);
    expect(f.code).toBe('ErrorSchemaValidation');
    expect(f.message).toMatch(/^ErrorSchemaValidation: The 'Id' attribute is invalid/);
    expect(f.values).toEqual({ Line: '2', Position: '630' });
  });

  it('S15: reads ErrorExceededConnectionCount with its policy values', () => {
    const f = fault(15);
    expect(f.code).toBe('ErrorExceededConnectionCount');
    expect(f.values).toEqual({
      Policy: 'MaxConcurrency',
      MaxConcurrencyLimit: '27',
      ErrorMessage:
        "This operation exceeds the throttling budget for policy part 'MaxConcurrency', policy value '27',  Budget type: 'Ews'.  Suggested backoff time 0 ms.",
    });
    expect(f.backOffMs).toBeUndefined();
  });

  it('S16: reads ErrorServerBusy with BackOffMilliseconds 297749, trimming the indented code and text', () => {
    const f = fault(16);
    expect(f).toBeInstanceOf(SoapFault);
    expect(f.code).toBe('ErrorServerBusy');
    expect(f.message).toBe('ErrorServerBusy: The server cannot service this request right now. Try again later.');
    expect(f.values).toEqual({ BackOffMilliseconds: '297749' });
    expect(f.backOffMs).toBe(297749);
  });
});

describe('GetItem samples', () => {
  it('S08: reads an O365 HTML message with an item attachment, headers, recipients and flag', () => {
    const m = onlyMessage(GetItem, 8);
    expect(m.responseClass).toBe('Success');
    const item = m.items![0]!;
    expect(item.kind).toBe('Message');
    expect(item.itemId).toEqual({
      id: 'AAMkADQwYjI2NmQzLWRjOGItNDcyMC1iMWE2LWZiMWQxZTk0NDA5YwBGAAAAAAD7THPLlZw5QIg6OXUk7V98BwBW56ZK5wEvSplui1kQQWjKAAAAAAEMAABW56ZK5wEvSplui1kQQWjKAAAAAAF+AAA=',
      changeKey: 'CQAAABYAAABW56ZK5wEvSplui1kQQWjKAAAAAACc',
    });
    expect(item.itemClass).toBe('IPM.Note');
    expect(item.subject).toBe('Re: Message with Attachments');
    expect(item.body?.bodyType).toBe('HTML');
    expect(item.body?.isTruncated).toBe(false);
    // `&#xD;` references come back as CR, and the escaped markup as markup.
    expect(item.body?.value.startsWith('<html>\r<head>\r<meta http-equiv="Content-Type"')).toBe(true);
    expect(item.body?.value).toContain('<div>&nbsp;</div>');
    expect(item.body?.value.endsWith('</html>\r')).toBe(true);
    expect(item.attachments).toEqual<Attachment[]>([
      {
        kind: 'ItemAttachment',
        attachmentId:
          'AAMkADQwYjI2NmQzLWRjOGItNDcyMC1iMWE2LWZiMWQxZTk0NDA5YwBGAAAAAAD7THPLlZw5QIg6OXUk7V98BwBW56ZK5wEvSplui1kQQWjKAAAAAAEMAABW56ZK5wEvSplui1kQQWjKAAAAAAF+AAABEgAQALW84gEuEV1AvxARbVMGLQE=',
        name: 'Message with Attachments',
        size: 149012,
        lastModifiedTime: '2016-02-28T20:18:06',
        isInline: false,
      },
    ]);
    expect(item.hasAttachments).toBe(true);
    expect(item.dateTimeReceived).toBe('2016-02-28T20:18:15Z');
    expect(item.size).toBe(164761);
    expect(item.inReplyTo).toBe('<CY1PR02MB1754A06D8E9AE2BBE2828B12C1B90@CY1PR02MB1754.namprd02.prod.outlook.com>');
    expect(item.isFromMe).toBe(true);
    expect(item.internetMessageHeaders).toHaveLength(41);
    expect(item.internetMessageHeaders![0]).toEqual({
      name: 'Received',
      value:
        'from CY1PR02MB1753.namprd02.prod.outlook.com (10.162.165.147) by CY1PR02MB1754.namprd02.prod.outlook.com (10.162.165.148) with Microsoft SMTP Server (TLS) id 15.1.409.15 via Mailbox Transport; Sun, 28 Feb 2016 20:18:15 +0000',
    });
    expect(item.displayCc).toBe('');
    expect(item.displayTo).toBe('Group Manager');
    expect(item.conversationId).toEqual({
      id: 'AAQkADQwYjI2NmQzLWRjOGItNDcyMC1iMWE2LWZiMWQxZTk0NDA5YwAQAC1lR0GC1ABDvXA/daduJ0s=',
    });
    expect(item.flag).toEqual({ flagStatus: 'NotFlagged' });
    const manager = {
      name: 'Group Manager',
      emailAddress: 'user@contoso.com',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    };
    expect(item.sender).toEqual(manager);
    expect(item.from).toEqual(manager);
    expect(item.toRecipients).toEqual([manager]);
    expect(item.ccRecipients).toBeUndefined();
    expect(item.isRead).toBe(true);
    expect(item.internetMessageId).toBe(
      '<CY1PR02MB1754AF72A369E3B1E2FF7722C1B90@CY1PR02MB1754.namprd02.prod.outlook.com>',
    );
    expect(item.conversationTopic).toBe('Message with Attachments');
    // ReceivedBy, EffectiveRights, ResponseObjects… are not modelled and must not leak in.
    expect(item).not.toHaveProperty('receivedBy');
    expect(Object.keys(item)).not.toContain('responseObjects');
  });

  it('S09: reads the transport headers extended property 0x7d with its CR and tab', () => {
    const item = onlyMessage(GetItem, 9).items![0]!;
    expect(item.itemId?.changeKey).toBe('CQAAABYAAAC4YXlr9Lp5Rp85dGfdkOHmAABRZ05K');
    expect(item.extendedProperties).toHaveLength(1);
    const [prop] = item.extendedProperties!;
    expect(prop!.field).toEqual({ propertyTag: '0x7d', propertyType: 'String' });
    const value = prop!.value as string;
    expect(value.startsWith('Received: from BL2PR09MB0130.namprd09.prod.outlook.com (10.255.233.140) by\r')).toBe(true);
    expect(value).toContain('First Last\r\t<user2@consotocom.onmicrosoft.com>');
    expect(value.endsWith('X-MS-Exchange-Transport-EndToEndLatency: 00:00:03.2068487\r')).toBe(true);
    expect(Object.keys(item)).toEqual(['kind', 'itemId', 'extendedProperties']);
  });

  it('S24: reads a MeetingResponse with its HTML body, recipients and meeting time', () => {
    const item = onlyMessage(GetItem, 24).items![0]!;
    expect(item.kind).toBe('MeetingResponse');
    expect(item.itemClass).toBe('IPM.Schedule.Meeting.Resp.Tent');
    expect(item.subject).toBe('Tentative:test accept');
    expect(item.body?.bodyType).toBe('HTML');
    expect(item.body?.isTruncated).toBe(false);
    expect(item.body?.value).toContain('Your request was received and is pending approval.');
    expect(item.toRecipients).toEqual([
      { name: 'Group Manager', emailAddress: 'user@contoso.com.in', routingType: 'SMTP', mailboxType: 'Mailbox' },
    ]);
    expect(item.from).toEqual({
      name: 'room1',
      emailAddress: 'room@contoso.com',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    });
    expect(item.isRead).toBe(false);
    expect(item.flag).toEqual({ flagStatus: 'NotFlagged' });
    expect(item.uid).toBe(
      '040000008200E00074C5B7101A82E00800000000D9D198B5EC7BD1010000000000000000100000002A3066F01681AC4089EA4E4EFDEC89FA',
    );
    expect(item.start).toBe('2016-03-11T23:30:00Z');
    expect(item.end).toBe('2016-03-12T00:30:00Z');
    expect(item.location).toBe('room1');
  });
});

describe('FindItem, GetAttachment and CreateItem samples', () => {
  it('S10: reads the FindItem paging attributes and a summary Message', () => {
    const m = onlyMessage(FindItem, 10);
    const root = m.rootFolder!;
    expect(root.indexedPagingOffset).toBe(1);
    expect(root.totalItemsInView).toBe(1);
    expect(root.includesLastItemInRange).toBe(false);
    expect(root.items).toHaveLength(1);
    const item = root.items[0]!;
    expect(item.subject).toBe('All sender recipienttype');
    expect(item.isRead).toBe(false);
    expect(item.displayCc).toBe('FirstLast; gs test');
    expect(item.hasAttachments).toBe(false);
    expect(item.body).toBeUndefined();
    expect(item.sender).toEqual({
      name: 'gs test',
      emailAddress:
        '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=63A7E24920DA46F9974B330A05270EAD-GSTEST',
      routingType: 'EX',
      mailboxType: 'OneOff',
    });
  });

  it('S11: reads two file attachments and an item attachment whose Message has an empty Text body', () => {
    const { messages } = decode(GetAttachment, 11);
    expect(messages).toHaveLength(3);
    const [a, b, c] = messages.map((m) => m.attachments![0]!);
    for (const file of [a!, b!]) {
      expect(file.kind).toBe('FileAttachment');
      expect(file.name).toBe('textFile.txt');
      expect(file.contentType).toBe('text/plain');
      expect(atob(file.content!)).toBe('some text');
    }
    expect(a!.attachmentId).not.toBe(b!.attachmentId);
    expect(c!.kind).toBe('ItemAttachment');
    expect(c!.name).toBe('Attachemnt name 1');
    expect(c!.contentType).toBe('application/octet-stream');
    expect(c!.item?.kind).toBe('Message');
    expect(c!.item?.body).toEqual({ bodyType: 'Text', value: '', isTruncated: false });
    expect(c!.item?.isDraft).toBe(true);
    expect(c!.item?.isRead).toBe(true);
    expect(c!.item?.itemId).toBeUndefined();
  });

  it('S12: reads the new ItemId and one AttachmentId per attachment of a SaveOnly CreateItem', () => {
    const item = onlyMessage(CreateItem, 12).items![0]!;
    expect(item.itemId?.changeKey).toBe('CQAAABYAAABW56ZK5wEvSplui1kQQWjKAAAFLJ9R');
    expect(item.attachments!.map((a) => a.kind)).toEqual([
      'FileAttachment',
      'FileAttachment',
      'ItemAttachment',
      'ItemAttachment',
    ]);
    expect(item.attachments!.every((a) => /^AAMkAD.+=$/.test(a.attachmentId!))).toBe(true);
    expect(new Set(item.attachments!.map((a) => a.attachmentId)).size).toBe(4);
  });
});

describe('SyncFolderItems samples', () => {
  it('S13: reads ErrorServerBusy as a response message, with its 5000 ms back-off', () => {
    const { messages, server } = decode(SyncFolderItems, 13);
    const m = messages[0]!;
    expect(server?.version).toBe('V2018_01_08');
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorServerBusy');
    expect(m.messageText).toContain("policy part 'ConcurrentSyncCalls', policy value '5'");
    expect(m.descriptiveLinkKey).toBe(0);
    expect(m.messageXml).toEqual({ BackOffMilliseconds: '5000' });
    expect(parseBackOff(m.messageXml)).toBe(5000);
    expect(m.syncState).toBe('');
    expect(m.includesLastItemInRange).toBe(true);
    expect(m.changes).toBeUndefined();
  });

  it('S20: reads Update, Create, Create, ReadFlagChange, Delete in server order', () => {
    const m = onlyMessage(SyncFolderItems, 20);
    expect(m.responseClass).toBe('Success');
    expect(m.syncState).toBe('H4sIAAAAAAAEAO29B2AcSZY==');
    expect(m.includesLastItemInRange).toBe(true);
    const changes = m.changes!;
    expect(changes.map((c) => c.type)).toEqual(['Update', 'Create', 'Create', 'ReadFlagChange', 'Delete']);
    const update = itemOf(changes[0]);
    expect(update.itemId).toEqual({ id: 'q04QAAAA==', changeKey: 'CQAAABYAAADZGACZQpSgSpyNkexYe2b7AAAAird/' });
    // The doc's typos are kept as sent: a leading space in an id, a double-escaped InReplyTo.
    expect(update.parentFolderId).toEqual({ id: ' AgENAAAA', changeKey: 'AQAAAA==' });
    expect(update.inReplyTo).toBe('&lt;8e084ea1a5b64f97b95fa8a863a5869d@CH1SR01MB001.namsdf01.sdf.contoso.com&gt;');
    expect(update.subject).toBe('RE: Company Soccer Team');
    expect(update.sender?.name).toBe('Alfred  Welker ');
    expect(update.isRead).toBe(true);
    expect(update.displayCc).toBe('');
    expect(itemOf(changes[1]).itemId).toEqual({ id: 'AQMkAD+' });
    expect(itemOf(changes[2]).itemId).toEqual({ id: 'Q04AAAAA==', changeKey: 'AAAirbnd' });
    expect(itemOf(changes[2]).size).toBe(29518);
    expect(changes[3]).toEqual({
      type: 'ReadFlagChange',
      itemId: { id: ' q07AAAAA==', changeKey: 'CQAAAA==' },
      isRead: true,
    });
    expect(changes[4]).toEqual({ type: 'Delete', itemId: { id: ' q1AwAAAA==', changeKey: 'CQAAAA==' } });
  });

  it('S21: reads an initial IdOnly page as Creates holding nothing but the ItemId', () => {
    const m = onlyMessage(SyncFolderItems, 21);
    expect(m.syncState).toBe('H4sIAAA==');
    expect(m.changes).toHaveLength(5);
    expect(m.changes!.every((c) => c.type === 'Create')).toBe(true);
    expect(m.changes![0]).toEqual({
      type: 'Create',
      item: { kind: 'Message', itemId: { id: 'q04QAAAA==', changeKey: 'CQAAABYAAABhFfgM7MNwSYx0VZ0GoBMJAAAATVdC' } },
    });
    expect(m.changes!.map((c) => itemOf(c).itemId?.changeKey?.slice(-4))).toEqual([
      'TVdC',
      'TVdB',
      'TVdA',
      'TVc5',
      'TVc4',
    ]);
  });

  it('S22: reads ErrorInvalidSyncStateData from a response element in a default namespace', () => {
    const { messages, server } = decode(SyncFolderItems, 22);
    expect(server).toEqual({ majorVersion: 8, minorVersion: 0, majorBuildNumber: 628, minorBuildNumber: 0 });
    expect(messages).toEqual([
      {
        responseClass: 'Error',
        responseCode: 'ErrorInvalidSyncStateData',
        messageText: 'Synchronization state data is corrupt or otherwise invalid.',
        descriptiveLinkKey: 0,
        syncState: '',
        includesLastItemInRange: true,
      },
    ]);
  });
});

describe('SyncFolderHierarchy sample', () => {
  it('S23: reads Update, Create and Delete of folders', () => {
    const m = onlyMessage(SyncFolderHierarchy, 23);
    expect(m.syncState).toBe('H4sIAAA');
    expect(m.includesLastFolderInRange).toBe(true);
    expect(m.changes).toEqual([
      {
        type: 'Update',
        folder: {
          kind: 'Folder',
          folderId: { id: 'AAMkADM=', changeKey: 'AQAAABY' },
          parentFolderId: { id: 'AQMkADMzADI1==', changeKey: 'AQAAAA==' },
          folderClass: 'IPF.Note',
          displayName: 'Meeting Notes',
          totalCount: 3,
          childFolderCount: 0,
          unreadCount: 0,
        },
      },
      {
        type: 'Create',
        folder: {
          kind: 'Folder',
          folderId: { id: 'AAMkADMzM=', changeKey: 'AQAAABYAA' },
          parentFolderId: { id: 'AQMkO67A==', changeKey: 'AQAAAA==' },
          folderClass: 'IPF.Note',
          displayName: 'Schedules',
          totalCount: 0,
          childFolderCount: 0,
          unreadCount: 0,
        },
      },
      { type: 'Delete', folderId: { id: 'AAMkAD/AAA=', changeKey: 'AQAAAA==' } },
    ]);
  });
});

describe('S19: an operation the codec does not model, in the default-namespace style', () => {
  it('opens the envelope whatever the prefixes: Header and ServerVersionInfo by default namespace', () => {
    const { header, body } = openEnvelope(parseXml(sample(19)));
    expect(header?.uri).toBe(NS.soap);
    const info = header!.children[0]!;
    expect(info.uri).toBe(NS.t);
    expect(info.local).toBe('ServerVersionInfo');
    expect(info.attrs).toEqual({
      MajorVersion: '14',
      MinorVersion: '2',
      MajorBuildNumber: '390',
      MinorBuildNumber: '3',
      Version: 'Exchange2010_SP2',
    });
    const response = body.children[0]!;
    expect(response.uri).toBe(NS.m);
    expect(response.local).toBe('GetServerTimeZonesResponse');
    const zone = response.children[0]!.children[0]!.children.find((c) => c.local === 'TimeZoneDefinitions')!
      .children[0]!;
    expect(zone.attrs['Id']).toBe('W. Europe Standard Time');
  });

  it('decodes it through the generic envelope with a small operation of its own', () => {
    const GetServerTimeZones: Operation<Record<never, never>, { zoneIds: string[] }> = {
      name: 'GetServerTimeZones',
      writeRequest() {},
      readMessage: (el) => ({
        zoneIds: (el.children.find((c) => c.local === 'TimeZoneDefinitions')?.children ?? []).map(
          (z) => z.attrs['Id'] ?? '',
        ),
      }),
    };
    const { messages, server } = decodeResponse(GetServerTimeZones, sample(19));
    expect(server?.majorBuildNumber).toBe(390);
    expect(messages).toEqual([
      { responseClass: 'Success', responseCode: 'NoError', zoneIds: ['W. Europe Standard Time'] },
    ]);
  });

  it('is refused, with the element named, by an operation that expected something else', () => {
    const error = thrown(() => decodeResponse(GetFolder, sample(19)));
    expect(error).toBeInstanceOf(CodecError);
    expect(error).toMatchObject({
      kind: 'unexpected',
      message: 'expected GetFolderResponse, the server sent GetServerTimeZonesResponse',
    });
  });
});
