import { describe, expect, it } from 'vitest';
import {
  ConvertId,
  ResolveNames,
  CopyFolder,
  CopyItem,
  CreateFolder,
  CreateItem,
  DeleteFolder,
  DeleteItem,
  EmptyFolder,
  FindFolder,
  FindItem,
  CreateAttachment,
  DeleteAttachment,
  GetAttachment,
  GetFolder,
  GetItem,
  MoveItem,
  MarkAllItemsAsRead,
  MoveFolder,
  UpdateItem,
  type ExtendedFieldURI,
  type ItemId,
  type Restriction,
} from '../../src/ews/index.js';
import { ADA, ARTICLE, DEMO } from './ews-client.js';
import type { Contract } from './mailbox-contract.js';

const FLAG_STATUS: ExtendedFieldURI = { propertyTag: '0x1090', propertyType: 'Integer' };
const KEYWORDS: ExtendedFieldURI = {
  distinguishedPropertySetId: 'PublicStrings',
  propertyName: 'Keywords',
  propertyType: 'StringArray',
};
const CONTAINER_CLASS: ExtendedFieldURI = { propertyTag: '0x3613', propertyType: 'String' };
const SUBFOLDERS: ExtendedFieldURI = { propertyTag: '0x360a', propertyType: 'Boolean' };

export function operationsContract(contract: Contract): void {
  describe('FindItem and FindFolder', () => {
    it('pages with IndexedPageItemView and always sends the RootFolder paging attributes', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Find paging');
      await c.fill(folder, 23, 'Found');
      const page = async (offset: number, basePoint: 'Beginning' | 'End' = 'Beginning') =>
        (
          await c.one(FindItem, {
            traversal: 'Shallow',
            itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
            view: { kind: 'Indexed', maxEntriesReturned: 10, offset, basePoint },
            sortOrder: [{ order: 'Ascending', path: { extended: ARTICLE } }],
            parentFolderIds: [folder],
          })
        ).rootFolder!;
      const first = await page(0);
      expect(first).toMatchObject({ indexedPagingOffset: 10, totalItemsInView: 23, includesLastItemInRange: false });
      expect(first.items.map((i) => i.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `Found ${i}`));
      const last = await page(20);
      expect(last).toMatchObject({ indexedPagingOffset: 23, totalItemsInView: 23, includesLastItemInRange: true });
      expect(last.items.map((i) => i.subject)).toEqual(['Found 20', 'Found 21', 'Found 22']);
      const fromEnd = await page(0, 'End');
      expect(fromEnd.items.map((i) => i.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `Found ${i + 13}`));
      // Restricted: Found 1 and Found 10–19.
      const restricted = async (offset: number) =>
        (
          await c.one(FindItem, {
            traversal: 'Shallow',
            itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
            view: { kind: 'Indexed', maxEntriesReturned: 10, offset, basePoint: 'Beginning' },
            restriction: { op: 'Contains', path: { fieldURI: 'item:Subject' }, value: 'found 1' },
            sortOrder: [{ order: 'Ascending', path: { extended: ARTICLE } }],
            parentFolderIds: [folder],
          })
        ).rootFolder!;
      const firstMatches = await restricted(0);
      expect(firstMatches).toMatchObject({
        totalItemsInView: 11,
        indexedPagingOffset: 10,
        includesLastItemInRange: false,
      });
      expect(firstMatches.items.map((i) => i.subject)).toEqual([
        'Found 1',
        ...Array.from({ length: 9 }, (_, i) => `Found 1${i}`),
      ]);
      const lastMatches = await restricted(10);
      expect(lastMatches).toMatchObject({
        totalItemsInView: 11,
        indexedPagingOffset: 11,
        includesLastItemInRange: true,
      });
      expect(lastMatches.items.map((i) => i.subject)).toEqual(['Found 19']);
      expect(await restricted(20)).toMatchObject({ totalItemsInView: 11, items: [], includesLastItemInRange: true });
    });

    it('sorts by the article number DavMail pages by, and filters with restrictions', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Find restrictions');
      await c.fill(folder, 12, 'Filter');
      const find = async (restriction: Restriction | undefined) =>
        (
          await c.one(FindItem, {
            traversal: 'Shallow',
            itemShape: {
              baseShape: 'IdOnly',
              additionalProperties: [{ fieldURI: 'item:Subject' }, { extended: ARTICLE }],
            },
            ...(restriction ? { restriction } : {}),
            sortOrder: [{ order: 'Descending', path: { extended: ARTICLE } }],
            parentFolderIds: [folder],
          })
        ).rootFolder!.items;
      const all = await find(undefined);
      const articles = all.map((i) => Number(i.extendedProperties![0]!.value));
      expect(articles).toEqual([...articles].sort((a, b) => b - a));
      expect(all[0]!.extendedProperties![0]!.field).toEqual(ARTICLE);
      // fill(): every third message is read.
      expect(await find({ op: 'IsEqualTo', path: { fieldURI: 'message:IsRead' }, value: 'false' })).toHaveLength(8);
      expect(await find({ op: 'IsEqualTo', path: { fieldURI: 'message:IsRead' }, value: '1' })).toHaveLength(4);
      const subjects = async (r: Restriction) => (await find(r)).map((i) => i.subject).sort();
      expect(
        await subjects({
          op: 'Contains',
          path: { extended: { propertyTag: '0x37', propertyType: 'String' } },
          value: 'filter 1',
          containmentMode: 'Substring',
          containmentComparison: 'IgnoreCase',
        }),
      ).toEqual(['Filter 1', 'Filter 10', 'Filter 11']);
      expect(
        await subjects({
          op: 'Contains',
          path: { fieldURI: 'item:Subject' },
          value: 'Filter 1',
          containmentMode: 'FullString',
          containmentComparison: 'Exact',
        }),
      ).toEqual(['Filter 1']);
      expect(
        await subjects({
          op: 'And',
          items: [
            {
              op: 'IsGreaterThanOrEqualTo',
              path: { extended: ARTICLE },
              value: String(articles[articles.length - 1]! + 10),
            },
            { op: 'Not', item: { op: 'IsEqualTo', path: { fieldURI: 'item:Subject' }, value: 'Filter 11' } },
          ],
        }),
      ).toEqual(['Filter 10']);
      expect(
        await find({
          op: 'Or',
          items: [
            { op: 'Exists', path: { extended: FLAG_STATUS } },
            { op: 'IsEqualTo', path: { fieldURI: 'item:Subject' }, value: 'filter 3' },
          ],
        }),
      ).toHaveLength(1);
      expect(await find({ op: 'Exists', path: { fieldURI: 'item:NoSuchProperty' } })).toEqual([]);
    });

    it('finds folders Shallow and Deep, with DavMail’s container-class restriction', async () => {
      const c = contract.client();
      const top = await c.createFolder('Find folders');
      const mid = await c.createFolder('Middle', top);
      await c.createFolder('Bottom', mid);
      await c.one(CreateFolder, { parentFolderId: top, folders: [{ kind: 'CalendarFolder', displayName: 'Dates' }] });
      const find = async (traversal: 'Shallow' | 'Deep', restriction?: Restriction) =>
        (
          await c.one(FindFolder, {
            traversal,
            folderShape: {
              baseShape: 'Default',
              additionalProperties: [{ extended: CONTAINER_CLASS }, { extended: SUBFOLDERS }],
            },
            ...(restriction ? { restriction } : {}),
            parentFolderIds: [top],
          })
        ).rootFolder!;
      const shallow = await find('Shallow');
      expect(shallow.folders.map((f) => f.displayName).sort()).toEqual(['Dates', 'Middle']);
      expect(shallow).toMatchObject({ totalItemsInView: 2, includesLastItemInRange: true, indexedPagingOffset: 2 });
      expect(shallow.folders.find((f) => f.displayName === 'Dates')!.kind).toBe('CalendarFolder');
      const middle = shallow.folders.find((f) => f.displayName === 'Middle')!;
      expect(middle.extendedProperties).toEqual([
        { field: CONTAINER_CLASS, value: 'IPF.Note' },
        { field: SUBFOLDERS, value: 'true' },
      ]);
      const deep = await find('Deep');
      expect(deep.folders.map((f) => f.displayName)).toEqual(['Dates', 'Middle', 'Bottom']);
      const mail = await find('Deep', {
        op: 'Or',
        items: [
          { op: 'IsEqualTo', path: { extended: CONTAINER_CLASS }, value: 'IPF.Note' },
          { op: 'Not', item: { op: 'Exists', path: { extended: CONTAINER_CLASS } } },
        ],
      });
      expect(mail.folders.map((f) => f.displayName)).toEqual(['Middle', 'Bottom']);
    });

    it('answers one message per parent folder, in request order, an unknown folder failing alone', async () => {
      const c = contract.client();
      const one = await c.createFolder('Find one');
      const two = await c.createFolder('Find two');
      await c.createFolder('Under two', two);
      await c.fill(one, 2, 'One');
      await c.fill(two, 3, 'Two');
      const gone = { id: 'AAMkAGVub3VnaA==' };
      const items = await c.call(FindItem, {
        traversal: 'Shallow',
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
        parentFolderIds: [two, gone, one],
      });
      expect(items.map((m) => m.responseClass)).toEqual(['Success', 'Error', 'Success']);
      expect(items[0]!.rootFolder!.items.map((i) => i.subject).sort()).toEqual(['Two 0', 'Two 1', 'Two 2']);
      expect(items[0]!.rootFolder!.totalItemsInView).toBe(3);
      expect(items[2]!.rootFolder!.items.map((i) => i.subject).sort()).toEqual(['One 0', 'One 1']);
      const folders = await c.call(FindFolder, {
        traversal: 'Shallow',
        folderShape: { baseShape: 'Default' },
        parentFolderIds: [one, two],
      });
      expect(folders.map((m) => m.rootFolder!.folders.map((f) => f.displayName))).toEqual([[], ['Under two']]);
    });
  });

  describe('items', () => {
    it('stores extended properties and flags set with UpdateItem, as DavMail and exchangelib set them', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Flags');
      const [item] = await c.fill(folder, 1, 'Flag me');
      const set = async (field: ExtendedFieldURI, value: string | string[]) =>
        (
          await c.one(UpdateItem, {
            conflictResolution: 'AlwaysOverwrite',
            messageDisposition: 'SaveOnly',
            itemChanges: [
              {
                itemId: { id: item!.id },
                updates: [
                  {
                    kind: 'Set',
                    path: { extended: field },
                    item: { kind: 'Item', extendedProperties: [{ field, value }] },
                  },
                ],
              },
            ],
          })
        ).items![0]!.itemId!;
      await set(FLAG_STATUS, '2');
      await set(KEYWORDS, ['$label1', 'Project Alpha']);
      const verb: ExtendedFieldURI = { propertyTag: '0x1081', propertyType: 'Integer' };
      await set(verb, '102');
      const get = async () =>
        (
          await c.one(GetItem, {
            itemShape: {
              baseShape: 'IdOnly',
              additionalProperties: [
                { fieldURI: 'item:Flag' },
                { fieldURI: 'item:Categories' },
                { extended: FLAG_STATUS },
                { extended: KEYWORDS },
                { extended: verb },
              ],
            },
            itemIds: [{ id: item!.id }],
          })
        ).items![0]!;
      const flagged = await get();
      expect(flagged.flag?.flagStatus).toBe('Flagged');
      expect(flagged.categories).toEqual(['$label1', 'Project Alpha']);
      expect(flagged.extendedProperties).toEqual([
        { field: FLAG_STATUS, value: '2' },
        { field: KEYWORDS, value: ['$label1', 'Project Alpha'] },
        { field: verb, value: '102' },
      ]);
      await c.one(UpdateItem, {
        conflictResolution: 'AlwaysOverwrite',
        messageDisposition: 'SaveOnly',
        itemChanges: [
          {
            itemId: { id: item!.id },
            updates: [
              { kind: 'Delete', path: { extended: FLAG_STATUS } },
              { kind: 'Delete', path: { extended: verb } },
              { kind: 'Set', path: { fieldURI: 'item:Importance' }, item: { kind: 'Message', importance: 'High' } },
            ],
          },
        ],
      });
      const cleared = await get();
      expect(cleared.flag?.flagStatus).toBe('NotFlagged');
      expect(cleared.extendedProperties).toEqual([{ field: KEYWORDS, value: ['$label1', 'Project Alpha'] }]);
    });

    it('returns MimeContent, attachments and their content', async () => {
      const c = contract.client();
      const made = await c.one(CreateItem, {
        messageDisposition: 'SaveOnly',
        items: [
          {
            kind: 'Message',
            subject: 'With attachment',
            body: { bodyType: 'HTML', value: '<p>See <img src="cid:dot@tern.test"> attached</p>' },
            toRecipients: [{ emailAddress: 'someone@example.com' }],
            attachments: [
              {
                kind: 'FileAttachment',
                name: 'notes.txt',
                contentType: 'text/plain',
                content: Buffer.from('remember the milk').toString('base64'),
              },
              {
                kind: 'FileAttachment',
                name: 'dot.png',
                contentType: 'image/png',
                contentId: 'dot@tern.test',
                isInline: true,
                content: Buffer.from('png').toString('base64'),
              },
            ],
          },
        ],
      });
      const id = made.items![0]!.itemId!;
      const got = (
        await c.one(GetItem, { itemShape: { baseShape: 'AllProperties', includeMimeContent: true }, itemIds: [id] })
      ).items![0]!;
      const mime = Buffer.from(got.mimeContent!, 'base64').toString('utf8');
      expect(mime).toMatch(/^Subject: With attachment$/m);
      expect(mime).toContain('notes.txt');
      expect(got.isDraft).toBe(true);
      expect(got.hasAttachments).toBe(true);
      expect(got.attachments!.map((a) => [a.name, a.isInline])).toEqual([
        ['dot.png', true],
        ['notes.txt', false],
      ]);
      const notes = got.attachments!.find((a) => a.name === 'notes.txt')!;
      const content = await c.one(GetAttachment, { attachmentIds: [notes.attachmentId!] });
      expect(Buffer.from(content.attachments![0]!.content!, 'base64').toString()).toBe('remember the milk');
      expect((await c.call(GetAttachment, { attachmentIds: ['AAAA'] }))[0]!.responseClass).toBe('Error');

      // Exchange derives attachment ids from the item's: after a move the old ones are not found.
      const moved = (await c.one(MoveItem, { toFolderId: { distinguished: 'archive' }, itemIds: [id] })).items![0]!;
      const stale = await c.call(GetAttachment, { attachmentIds: [notes.attachmentId!] });
      expect(stale[0]!.responseCode).toBe('ErrorItemNotFound');
      const again = (
        await c.one(GetItem, {
          itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
          itemIds: [moved.itemId!],
        })
      ).items![0]!.attachments!.find((a) => a.name === 'notes.txt')!;
      expect(again.attachmentId).not.toBe(notes.attachmentId);
      const after = await c.one(GetAttachment, { attachmentIds: [again.attachmentId!] });
      expect(Buffer.from(after.attachments![0]!.content!, 'base64').toString()).toBe('remember the milk');
    });

    it('keeps an attached message as an ItemAttachment: listed by subject, read as a message or as its MIME source', async () => {
      const c = contract.client();
      const source = [
        'From: Bob <bob@example.org>',
        'To: Ada <ada@example.org>',
        'Subject: Minutes of Monday',
        'Message-ID: <minutes@example.org>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Decisions: none.',
      ].join('\r\n');
      const made = await c.one(CreateItem, {
        messageDisposition: 'SaveOnly',
        items: [
          {
            kind: 'Message',
            subject: 'Two attached messages',
            body: { bodyType: 'Text', value: 'See both.' },
            attachments: [
              // As its MIME source, and as properties (ews-javascript-api's ItemAttachment, sample 12).
              {
                kind: 'ItemAttachment',
                name: 'Minutes of Monday',
                item: { kind: 'Message', mimeContent: Buffer.from(source).toString('base64') },
              },
              {
                kind: 'ItemAttachment',
                name: 'A note',
                item: { kind: 'Message', subject: 'A note', body: { bodyType: 'Text', value: 'Hello.' } },
              },
            ],
          },
        ],
      });
      expect(made.items![0]!.attachments!.map((a) => a.kind)).toEqual(['ItemAttachment', 'ItemAttachment']);
      const listed = (
        await c.one(GetItem, {
          itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Attachments' }] },
          itemIds: [made.items![0]!.itemId!],
        })
      ).items![0]!.attachments!;
      // Named by subject, without a ContentType, as Exchange Online lists them (sample 08).
      expect(listed.map((a) => [a.kind, a.name, a.contentType])).toEqual([
        ['ItemAttachment', 'Minutes of Monday', undefined],
        ['ItemAttachment', 'A note', undefined],
      ]);
      const [minutes, note] = listed.map((a) => a.attachmentId!) as [string, string];

      const asItem = (await c.one(GetAttachment, { attachmentIds: [minutes] })).attachments![0]!;
      expect(asItem.kind).toBe('ItemAttachment');
      expect(asItem.content).toBeUndefined();
      expect(asItem.item).toMatchObject({
        kind: 'Message',
        subject: 'Minutes of Monday',
        body: { bodyType: 'Text', value: 'Decisions: none.' },
        from: { name: 'Bob', emailAddress: 'bob@example.org' },
        sender: { name: 'Bob', emailAddress: 'bob@example.org' },
        internetMessageId: '<minutes@example.org>',
      });
      expect(asItem.item!.mimeContent).toBeUndefined();

      const asMime = await c.call(GetAttachment, {
        attachmentShape: { includeMimeContent: true },
        attachmentIds: [minutes, note],
      });
      const sources = asMime.map((m) => Buffer.from(m.attachments![0]!.item!.mimeContent!, 'base64').toString('utf8'));
      // Line for line (MIME sends a message part unencoded, so a line end may follow the last line).
      expect(sources[0]!.replace(/\r\n$/, '')).toBe(source);
      expect(sources[1]).toMatch(/^Subject: A note$/m);
    });

    it('adds attachments to a saved item and removes them (CreateAttachment, DeleteAttachment)', async () => {
      const c = contract.client();
      const draft = (
        await c.one(CreateItem, {
          messageDisposition: 'SaveOnly',
          items: [{ kind: 'Message', subject: 'Attach later', body: { bodyType: 'Text', value: 'Files follow.' } }],
        })
      ).items![0]!.itemId!;
      const made = await c.call(CreateAttachment, {
        parentItemId: draft,
        attachments: [
          {
            kind: 'FileAttachment',
            name: 'agenda.txt',
            contentType: 'text/plain',
            content: Buffer.from('1. budget').toString('base64'),
          },
          { kind: 'ItemAttachment', name: 'A note', item: { kind: 'Message', subject: 'A note' } },
        ],
      });
      expect(made.map((m) => [m.responseClass, m.attachments?.[0]?.kind])).toEqual([
        ['Success', 'FileAttachment'],
        ['Success', 'ItemAttachment'],
      ]);
      // Each answer carries the item's new ChangeKey.
      const root = made[0]!.rootItemId!;
      expect(root.id).toBe(draft.id);
      expect(root.changeKey).not.toBe(draft.changeKey);

      const get = async () =>
        (
          await c.one(GetItem, {
            itemShape: {
              baseShape: 'IdOnly',
              includeMimeContent: true,
              additionalProperties: [{ fieldURI: 'item:Attachments' }, { fieldURI: 'item:HasAttachments' }],
            },
            itemIds: [{ id: draft.id }],
          })
        ).items![0]!;
      const withFiles = await get();
      expect(withFiles.hasAttachments).toBe(true);
      expect(withFiles.attachments!.map((a) => [a.kind, a.name])).toEqual([
        ['FileAttachment', 'agenda.txt'],
        ['ItemAttachment', 'A note'],
      ]);
      // A draft's MIME is composed again with them.
      const mime = Buffer.from(withFiles.mimeContent!, 'base64').toString('utf8');
      expect(mime).toContain('agenda.txt');
      expect(mime).toMatch(/^Subject: Attach later$/m);
      const file = withFiles.attachments![0]!.attachmentId!;
      expect(
        Buffer.from(
          (await c.one(GetAttachment, { attachmentIds: [file] })).attachments![0]!.content!,
          'base64',
        ).toString(),
      ).toBe('1. budget');

      const [removed, again] = await c.call(DeleteAttachment, { attachmentIds: [file, file] });
      expect(removed!.responseClass).toBe('Success');
      expect(removed!.rootItemId?.id).toBe(draft.id);
      expect(again!.responseCode).toBe('ErrorItemNotFound');
      expect((await get()).attachments!.map((a) => a.name)).toEqual(['A note']);
      expect((await c.call(GetAttachment, { attachmentIds: [file] }))[0]!.responseCode).toBe('ErrorItemNotFound');
      expect(
        (
          await c.call(CreateAttachment, {
            parentItemId: { id: 'AAAA' },
            attachments: [{ kind: 'FileAttachment', name: 'x', content: '' }],
          })
        )[0]!.responseClass,
      ).toBe('Error');
    });

    it('copies, moves to Deleted Items, marks all read and empties folders', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Housekeeping');
      const ids = await c.fill(folder, 6, 'House');
      const copy = await c.one(CopyItem, { toFolderId: { distinguished: 'archive' }, itemIds: [ids[0]!] });
      const copyId: ItemId = copy.items![0]!.itemId!;
      expect(copyId.id).not.toBe(ids[0]!.id);
      expect(
        (await c.one(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [copyId] })).items![0]!.subject,
      ).toBe('House 0');
      await c.one(DeleteItem, { deleteType: 'MoveToDeletedItems', itemIds: [ids[1]!] });
      expect((await c.list(folder)).size).toBe(5);
      const trash = await c.one(FindItem, {
        traversal: 'Shallow',
        itemShape: { baseShape: 'Default' },
        restriction: { op: 'IsEqualTo', path: { fieldURI: 'item:Subject' }, value: 'House 1' },
        parentFolderIds: [{ distinguished: 'deleteditems' }],
      });
      expect(trash.rootFolder!.items).toHaveLength(1);
      await c.one(MarkAllItemsAsRead, { readFlag: true, suppressReadReceipts: true, folderIds: [folder] });
      expect([...(await c.list(folder)).values()].every(Boolean)).toBe(true);
      const counts = await c.one(GetFolder, { folderShape: { baseShape: 'Default' }, folderIds: [folder] });
      expect(counts.folders![0]).toMatchObject({ totalCount: 5, unreadCount: 0 });
      await c.createFolder('Sub', folder);
      await c.one(EmptyFolder, { deleteType: 'HardDelete', deleteSubFolders: true, folderIds: [folder] });
      const empty = await c.one(GetFolder, { folderShape: { baseShape: 'Default' }, folderIds: [folder] });
      expect(empty.folders![0]).toMatchObject({ totalCount: 0, childFolderCount: 0 });
    });

    it('answers ConvertId with the caller’s own address, and refuses duplicate folder names', async () => {
      const c = contract.client();
      const root = await c.one(GetFolder, {
        folderShape: { baseShape: 'IdOnly' },
        folderIds: [{ distinguished: 'root' }],
      });
      const id = root.folders![0]!.folderId!.id;
      const converted = await c.one(ConvertId, {
        destinationFormat: 'EwsId',
        sourceIds: [{ format: 'EwsId', id, mailbox: 'blah@blah.com' }],
      });
      expect(converted.alternateId).toEqual({ format: 'EwsId', id, mailbox: DEMO });
      const hex = await c.one(ConvertId, {
        destinationFormat: 'HexEntryId',
        sourceIds: [{ format: 'EwsId', id, mailbox: DEMO }],
      });
      const back = await c.one(ConvertId, {
        destinationFormat: 'EwsId',
        sourceIds: [{ format: 'HexEntryId', id: hex.alternateId!.id, mailbox: DEMO }],
      });
      expect(back.alternateId!.id).toBe(id);
      await c.createFolder('Twice');
      const again = await c.call(CreateFolder, {
        parentFolderId: { distinguished: 'msgfolderroot' },
        folders: [{ kind: 'Folder', displayName: 'twice' }],
      });
      expect(again[0]!.responseCode).toBe('ErrorFolderExists');
    });

    it('resolves names from the directory: one by name or address, none as ErrorNameResolutionNoResults', async () => {
      const c = contract.client();
      const resolve = (unresolvedEntry: string) =>
        c.call(ResolveNames, { unresolvedEntry, returnFullContactData: false, searchScope: 'ActiveDirectory' });
      const [byName] = await resolve('lovelace');
      expect(byName).toMatchObject({ responseClass: 'Success', responseCode: 'NoError' });
      expect(byName!.resolutionSet!.resolutions).toEqual([
        { mailbox: { name: 'Ada Lovelace', emailAddress: ADA, routingType: 'SMTP', mailboxType: 'Mailbox' } },
      ]);
      const [byAddress] = await resolve(`SMTP:${DEMO}`);
      expect(byAddress!.resolutionSet!.resolutions.map((r) => r.mailbox.emailAddress)).toEqual([DEMO]);
      const [nobody] = await resolve('nobody-here');
      expect(nobody).toMatchObject({ responseClass: 'Error', responseCode: 'ErrorNameResolutionNoResults' });
      expect(nobody!.resolutionSet).toBeUndefined();
    });

    it('lists calendar items in a CalendarView window', async () => {
      const c = contract.client();
      const at = (day: number, hour: number) => new Date(Date.UTC(2027, 2, day, hour)).toISOString();
      await c.call(CreateItem, {
        items: [
          { kind: 'CalendarItem', subject: 'Inside', start: at(10, 9), end: at(10, 10), location: 'Room 1' },
          { kind: 'CalendarItem', subject: 'Outside', start: at(20, 9), end: at(20, 10) },
        ],
      });
      const m = await c.one(FindItem, {
        traversal: 'Shallow',
        itemShape: { baseShape: 'Default' },
        view: { kind: 'Calendar', startDate: at(9, 0), endDate: at(12, 0) },
        parentFolderIds: [{ distinguished: 'calendar' }],
      });
      const inside = m.rootFolder!.items.filter((i) => i.subject === 'Inside' || i.subject === 'Outside');
      expect(inside.map((i) => [i.kind, i.subject, i.start, i.location])).toEqual([
        ['CalendarItem', 'Inside', at(10, 9).replace('.000', ''), 'Room 1'],
      ]);
    });
  });
}

export function foldersContract(contract: Contract): void {
  describe('folders', () => {
    it('moves a deleted folder to Deleted Items, copies a folder with its contents and subfolders, and keeps well-known folders', async () => {
      const c = contract.client();
      const source = await c.createFolder('Copy me');
      const sub = await c.createFolder('Inner', source);
      await c.fill(source, 3, 'Copied');
      await c.fill(sub, 2, 'Inner');
      const copy = await c.one(CopyFolder, { toFolderId: { distinguished: 'archive' }, folderIds: [source] });
      const copied = copy.folders![0]!.folderId!;
      expect(copied.id).not.toBe(source.id);
      expect((await c.list(copied)).size).toBe(3);
      const inner = await c.one(FindFolder, {
        traversal: 'Shallow',
        folderShape: { baseShape: 'Default' },
        parentFolderIds: [copied],
      });
      expect(inner.rootFolder!.folders.map((f) => [f.displayName, f.totalCount])).toEqual([['Inner', 2]]);
      expect((await c.list(source)).size).toBe(3);

      await c.one(DeleteFolder, { deleteType: 'MoveToDeletedItems', folderIds: [source] });
      const trash = await c.one(FindFolder, {
        traversal: 'Shallow',
        folderShape: { baseShape: 'Default' },
        parentFolderIds: [{ distinguished: 'deleteditems' }],
      });
      expect(trash.rootFolder!.folders.map((f) => f.displayName)).toContain('Copy me');
      const codes = await c.call(DeleteFolder, {
        deleteType: 'HardDelete',
        folderIds: [{ distinguished: 'inbox' }, source],
      });
      expect(codes.map((m) => m.responseCode)).toEqual(['ErrorDeleteDistinguishedFolder', 'NoError']);
      expect(
        (await c.call(GetFolder, { folderShape: { baseShape: 'IdOnly' }, folderIds: [source, sub] })).map(
          (m) => m.responseCode,
        ),
      ).toEqual(['ErrorItemNotFound', 'ErrorItemNotFound']);
      const move = await c.call(MoveFolder, {
        toFolderId: copied,
        folderIds: [{ distinguished: 'sentitems' }, copied],
      });
      expect(move.map((m) => m.responseCode)).toEqual(['ErrorMoveDistinguishedFolder', 'ErrorMoveCopyFailed']);
    });
  });
}
