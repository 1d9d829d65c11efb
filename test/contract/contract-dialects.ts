import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FindItem,
  GetFolder,
  GetItem,
  SyncFolderItems,
  UpdateItem,
  decodeResponse,
  type PropertyPath,
} from '../../src/ews/index.js';
import { DEMO } from './ews-client.js';
import type { Contract } from './mailbox-contract.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

// Thunderbird (ews-rs): soap: envelope, the operation in a default messages namespace, t: types.
const thunderbird = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}" xmlns:t="${T}"><soap:Header><t:RequestServerVersion Version="Exchange2007_SP1"/></soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;

// exchangelib: s:/m:/t:, RequestServerVersion Exchange2016 (not in the 2013 schema), a
// TimeZoneContext, booleans as 1/0 and a Mailbox inside every DistinguishedFolderId.
const exchangelib = (body: string) =>
  `<?xml version='1.0' encoding='utf-8'?>\n<s:Envelope xmlns:m="${M}" xmlns:s="${SOAP}" xmlns:t="${T}"><s:Header><t:RequestServerVersion Version="Exchange2016"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
/** Every FieldURI of the Exchange2013_SP1 schema (217): exchangelib asks for 101 at once, 204 in GetItem. */
function everyFieldURI(): PropertyPath[] {
  const xsd = readFileSync(new URL('../fixtures/ews-schema/types.xsd', import.meta.url), 'utf8');
  const list = /<xs:simpleType name="UnindexedFieldURIType">([\s\S]*?)<\/xs:simpleType>/.exec(xsd)![1]!;
  return [...list.matchAll(/value="([^"]+)"/g)].map((m) => ({ fieldURI: m[1]! }));
}

const mailbox = `<t:Mailbox><t:EmailAddress>${DEMO}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox>`;

export function dialectsContract(contract: Contract): void {
  describe('client dialects', () => {
    it('reads Thunderbird’s default-namespace requests, and updates without a ChangeKey', async () => {
      const c = contract.client();
      const folders = decodeResponse(
        GetFolder,
        await c.raw(
          thunderbird(
            `<GetFolder xmlns="${M}"><FolderShape><t:BaseShape>IdOnly</t:BaseShape></FolderShape><FolderIds><t:DistinguishedFolderId Id="msgfolderroot"/><t:DistinguishedFolderId Id="inbox"/><t:DistinguishedFolderId Id="archive"/><t:DistinguishedFolderId Id="conversationhistory"/></FolderIds></GetFolder>`,
          ),
        ),
      ).messages;
      expect(folders.map((m) => m.responseCode)).toEqual(['NoError', 'NoError', 'NoError', 'ErrorFolderNotFound']);

      const [item] = await c.fill({ distinguished: 'inbox' }, 1, 'Thunderbird');
      const updated = decodeResponse(
        UpdateItem,
        await c.raw(
          thunderbird(
            `<UpdateItem xmlns="${M}" ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><ItemChanges><t:ItemChange><t:ItemId Id="${item!.id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>false</t:IsRead></t:Message></t:SetItemField></t:Updates></t:ItemChange></ItemChanges></UpdateItem>`,
          ),
        ),
      ).messages[0]!;
      expect(updated.responseCode).toBe('NoError');
      expect(updated.items![0]!.itemId!.id).toBe(item!.id);
      expect(updated.items![0]!.itemId!.changeKey).not.toBe(item!.changeKey);
    });

    it('reads exchangelib’s 1/0 booleans and Mailbox-qualified DistinguishedFolderIds', async () => {
      const c = contract.client();
      const [item] = await c.fill({ distinguished: 'inbox' }, 1, 'exchangelib');
      const ids = ['root', 'inbox', 'favorites', 'imcontactlist', 'sentitems']
        .map((id) => `<t:DistinguishedFolderId Id="${id}">${mailbox}</t:DistinguishedFolderId>`)
        .join('');
      const folders = decodeResponse(
        GetFolder,
        await c.raw(
          exchangelib(
            `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>${ids}</m:FolderIds></m:GetFolder>`,
          ),
        ),
      ).messages;
      expect(folders.map((m) => m.responseCode)).toEqual([
        'NoError',
        'NoError',
        'ErrorFolderNotFound',
        'ErrorFolderNotFound',
        'NoError',
      ]);

      // fill() leaves message 0 read; exchangelib marks it unread, then read again, with 0 and 1.
      for (const value of ['0', '1']) {
        const current = (await c.one(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: [{ id: item!.id }] }))
          .items![0]!.itemId!;
        const answer = decodeResponse(
          UpdateItem,
          await c.raw(
            exchangelib(
              `<m:UpdateItem ConflictResolution="AutoResolve" MessageDisposition="SaveOnly" SendMeetingInvitationsOrCancellations="SendToNone" SuppressReadReceipts="true"><m:ItemChanges><t:ItemChange><t:ItemId Id="${current.id}" ChangeKey="${current.changeKey}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>${value}</t:IsRead></t:Message></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
            ),
          ),
        ).messages[0]!;
        expect(answer.responseCode).toBe('NoError');
        const unread = decodeResponse(
          FindItem,
          await c.raw(
            exchangelib(
              `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="1000" Offset="0" BasePoint="Beginning"/><m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="message:IsRead"/><t:FieldURIOrConstant><t:Constant Value="0"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction><m:ParentFolderIds><t:DistinguishedFolderId Id="inbox">${mailbox}</t:DistinguishedFolderId></m:ParentFolderIds></m:FindItem>`,
            ),
          ),
        ).messages[0]!;
        const ids = unread.rootFolder!.items.map((i) => i.itemId!.id);
        expect(ids.includes(item!.id)).toBe(value === '0');
      }
    });

    it('takes every FieldURI of the schema, indexed ones too, and returns what it has', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Every property');
      const [item] = await c.fill(folder, 1, 'Everything');
      const additionalProperties: PropertyPath[] = [
        ...everyFieldURI(),
        { fieldURI: 'contacts:PhysicalAddress:Street', fieldIndex: 'Business' },
        { fieldURI: 'item:InternetMessageHeader', fieldIndex: 'Subject' },
        { extended: { propertyTag: '0x1000', propertyType: 'String' } },
      ];
      expect(additionalProperties.length).toBeGreaterThan(200);
      const sync = await c.one(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly', additionalProperties },
        syncFolderId: folder,
        maxChangesReturned: 5,
      });
      const created = sync.changes![0]!;
      expect(created.type).toBe('Create');
      if (created.type !== 'Create') return;
      expect(created.item).toMatchObject({
        subject: 'Everything 0',
        isRead: true,
        hasAttachments: false,
        importance: 'Normal',
      });
      // SyncFolderItems never returns bodies, attachments or MIME.
      expect(created.item.body).toBeUndefined();
      expect(created.item.mimeContent).toBeUndefined();
      const got = (await c.one(GetItem, { itemShape: { baseShape: 'IdOnly', additionalProperties }, itemIds: [item!] }))
        .items![0]!;
      expect(got.body?.value).toContain('Body of everything 0.');
      expect(got.mimeContent).toBeDefined();
      expect(got.textBody?.value).toBe('Body of everything 0.');
      expect(got.internetMessageHeaders?.find((h) => h.name === 'Subject')?.value).toBe('Everything 0');
      expect(got.extendedProperties?.[0]?.value).toBe('Body of everything 0.');
    });

    it('refuses another user’s mailbox in a DistinguishedFolderId', async () => {
      const c = contract.client();
      const other = mailbox.replace(DEMO, 'ada@tern.test');
      const m = decodeResponse(
        GetFolder,
        await c.raw(
          exchangelib(
            `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox">${other}</t:DistinguishedFolderId></m:FolderIds></m:GetFolder>`,
          ),
        ),
      ).messages[0]!;
      expect(m.responseClass).toBe('Error');
      expect(m.responseCode).toBe('ErrorAccessDenied');
    });
  });
}
