import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateFolder,
  CreateItem,
  FindItem,
  GetFolder,
  GetItem,
  UpdateFolder,
  UpdateItem,
  decodeResponse,
  encodeRequest,
  type ItemId,
} from '../../ews/index.js';
import { openMailbox } from './index.js';

// Regressions found by running real third-party clients against the mailbox
// (`npm run test:clients`): each test sends what the client sent, byte for byte where it matters.

const DEMO = 'demo@tern.test';
const mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
afterAll(() => mailbox.close());

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';

/** Thunderbird 153's GetItem after SyncFolderItems: messages namespace as default, 17 FieldURIs. */
const thunderbirdGetItem = (ids: ItemId[]) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${T}"><soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header><soap:Body><GetItem xmlns="${M}"><ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>false</t:IncludeMimeContent><t:AdditionalProperties>${[
    'message:IsRead',
    'message:InternetMessageId',
    'item:InternetMessageHeaders',
    'item:DateTimeSent',
    'message:From',
    'message:ReplyTo',
    'message:Sender',
    'item:Subject',
    'message:ToRecipients',
    'message:CcRecipients',
    'message:BccRecipients',
    'item:HasAttachments',
    'item:Importance',
    'message:References',
    'item:Size',
    'item:Preview',
    'item:Flag',
  ]
    .map((f) => `<t:FieldURI FieldURI="${f}"/>`)
    .join('')}</t:AdditionalProperties></ItemShape><ItemIds>${ids
    .map((i) => `<t:ItemId Id="${i.id}"/>`)
    .join('')}</ItemIds></GetItem></soap:Body></soap:Envelope>`;

async function save(subject: string, cc: string[]): Promise<ItemId> {
  const body = encodeRequest(CreateItem, {
    messageDisposition: 'SaveOnly',
    savedItemFolderId: { distinguished: 'inbox' },
    items: [
      {
        kind: 'Message',
        subject,
        toRecipients: [{ emailAddress: DEMO }],
        ccRecipients: cc.map((emailAddress) => ({ emailAddress })),
      },
    ],
  });
  const m = decodeResponse(CreateItem, (await mailbox.handle(DEMO, body)).body).messages[0]!;
  expect(m.responseCode).toBe('NoError');
  return m.items![0]!.itemId!;
}

describe('what real EWS clients need from the mailbox', () => {
  it('leaves out an empty recipient list: Thunderbird drops a whole GetItem batch on an empty CcRecipients', async () => {
    const alone = await save('No Cc, no Bcc', []);
    const copied = await save('With a Cc', ['cc@example.com']);
    const answer = (await mailbox.handle(DEMO, thunderbirdGetItem([alone, copied]))).body;

    // ews-rs reads <t:CcRecipients></t:CcRecipients> as a list that must hold a Mailbox.
    expect(answer).not.toMatch(/<t:(To|Cc|Bcc)Recipients\s*(\/>|>\s*<\/t:\1Recipients>)/);
    const [first, second] = answer.split('</m:GetItemResponseMessage>');
    expect(first).toContain('<t:ToRecipients><t:Mailbox>');
    expect(first).not.toContain('CcRecipients');
    expect(second).toContain('<t:CcRecipients><t:Mailbox><t:EmailAddress>cc@example.com</t:EmailAddress>');
  });

  it('leaves them out of FindItem too', async () => {
    const request = encodeRequest(FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:BccRecipients' }] },
      parentFolderIds: [{ distinguished: 'inbox' }],
    });
    const answer = (await mailbox.handle(DEMO, request)).body;
    const found = decodeResponse(FindItem, answer).messages[0]!.rootFolder!.items;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.bccRecipients === undefined)).toBe(true);
    expect(answer).not.toContain('BccRecipients');
  });

  it("takes Thunderbird's star, whose FlagStatus comes without its t: prefix (in the messages namespace)", async () => {
    const id = await save('Star me', []);
    // Thunderbird 153, byte for byte but the id: PR_FLAG_STATUS (4240 = 0x1090) rides along.
    const star = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${T}"><soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header><soap:Body><UpdateItem xmlns="${M}" MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"><ItemChanges><t:ItemChange><t:ItemId Id="${id.id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><FlagStatus>Flagged</FlagStatus></t:Flag></t:Message></t:SetItemField><t:SetItemField><t:ExtendedFieldURI PropertyTag="4240" PropertyType="Integer"/><t:Message><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="4240" PropertyType="Integer"/><t:Value>2</t:Value></t:ExtendedProperty></t:Message></t:SetItemField></t:Updates></t:ItemChange></ItemChanges></UpdateItem></soap:Body></soap:Envelope>`;
    const answer = await mailbox.handle(DEMO, star);
    expect(answer.status).toBe(200);
    const updated = decodeResponse(UpdateItem, answer.body).messages[0]!;
    expect(updated.responseCode).toBe('NoError');
    expect(updated.items![0]!.itemId!.changeKey).toBeTruthy();

    const read = encodeRequest(GetItem, {
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Flag' }] },
      itemIds: [{ id: id.id }],
    });
    const item = decodeResponse(GetItem, (await mailbox.handle(DEMO, read)).body).messages[0]!.items![0]!;
    expect(item.flag?.flagStatus).toBe('Flagged');
  });

  it('still refuses a Flag without any FlagStatus', async () => {
    const id = await save('No status', []);
    const bad = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${T}"><soap:Body><UpdateItem xmlns="${M}" MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"><ItemChanges><t:ItemChange><t:ItemId Id="${id.id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="item:Flag"/><t:Message><t:Flag><t:DueDate>2026-01-01T00:00:00Z</t:DueDate></t:Flag></t:Message></t:SetItemField></t:Updates></t:ItemChange></ItemChanges></UpdateItem></soap:Body></soap:Envelope>`;
    const answer = await mailbox.handle(DEMO, bad);
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('ErrorSchemaValidation');
  });

  it('renames a folder the way exchangelib saves one: DisplayName set, PermissionSet deleted', async () => {
    const created = decodeResponse(
      CreateFolder,
      (
        await mailbox.handle(
          DEMO,
          encodeRequest(CreateFolder, {
            parentFolderId: { distinguished: 'inbox' },
            folders: [{ kind: 'Folder', displayName: 'From exchangelib', folderClass: 'IPF.Note' }],
          }),
        )
      ).body,
    ).messages[0]!.folders![0]!.folderId!;
    // exchangelib 4.9.0's `folder.name = …; folder.save()`, as sent (prefixes and all).
    const rename = `<?xml version='1.0' encoding='utf-8'?>
<s:Envelope xmlns:m="${M}" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${T}"><s:Header><t:RequestServerVersion Version="Exchange2016"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext></s:Header><s:Body><m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${created.id}" ChangeKey="${created.changeKey}"/><t:Updates><t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed by exchangelib</t:DisplayName></t:Folder></t:SetFolderField><t:DeleteFolderField><t:FieldURI FieldURI="folder:PermissionSet"/></t:DeleteFolderField></t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder></s:Body></s:Envelope>`;
    const answer = decodeResponse(UpdateFolder, (await mailbox.handle(DEMO, rename)).body).messages[0]!;
    expect(answer.responseCode).toBe('NoError');

    const read = encodeRequest(GetFolder, {
      folderShape: { baseShape: 'Default' },
      folderIds: [{ id: created.id }],
    });
    const folder = decodeResponse(GetFolder, (await mailbox.handle(DEMO, read)).body).messages[0]!.folders![0]!;
    expect(folder.displayName).toBe('Renamed by exchangelib');
  });

  it('still refuses to delete a folder property it cannot do without', async () => {
    const update = encodeRequest(UpdateFolder, {
      folderChanges: [
        {
          folderId: { distinguished: 'inbox' },
          updates: [{ kind: 'Delete', path: { fieldURI: 'folder:DisplayName' } }],
        },
      ],
    });
    const answer = decodeResponse(UpdateFolder, (await mailbox.handle(DEMO, update)).body).messages[0]!;
    expect(answer.responseCode).toBe('ErrorInvalidPropertyDelete');
  });
});
