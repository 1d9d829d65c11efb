import { describe, expect, it } from 'vitest';
import {
  CreateItem,
  DeleteFolder,
  DeleteItem,
  GetAttachment,
  GetFolder,
  GetItem,
  MoveItem,
  SoapFault,
  SyncFolderHierarchy,
  SyncFolderItems,
  UpdateItem,
  decodeResponse,
  type ItemId,
  type UpdateItemRequest,
} from '../../src/ews/index.js';
import { ADA, type EwsClient } from './ews-client.js';
import type { Contract } from './mailbox-contract.js';

const INVALID_ITEMS = 'Synchronization state data is corrupt or otherwise invalid.';

async function itemsState(c: EwsClient, folder: { id: string } | { distinguished: string }, state: string) {
  return (
    await c.call(SyncFolderItems, {
      itemShape: { baseShape: 'IdOnly' },
      syncFolderId: folder,
      syncState: state,
      maxChangesReturned: 10,
    })
  )[0]!;
}

const markRead = (
  itemId: ItemId,
  conflictResolution: UpdateItemRequest['conflictResolution'],
  isRead = true,
): UpdateItemRequest => ({
  conflictResolution,
  messageDisposition: 'SaveOnly',
  itemChanges: [
    { itemId, updates: [{ kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead } }] },
  ],
});

const subject = (itemId: ItemId, value: string): UpdateItemRequest => ({
  conflictResolution: 'AutoResolve',
  messageDisposition: 'SaveOnly',
  itemChanges: [
    {
      itemId,
      updates: [{ kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject: value } }],
    },
  ],
});

async function faultOf(c: EwsClient, xml: string): Promise<SoapFault> {
  const body = await c.raw(xml);
  try {
    decodeResponse(GetFolder, body);
  } catch (e) {
    if (e instanceof SoapFault) return e;
    throw e;
  }
  throw new Error(`expected a SOAP fault, got ${body.slice(0, 200)}`);
}

export function errorsContract(contract: Contract): void {
  describe('errors', () => {
    it('answers ErrorInvalidSyncStateData for a forged, truncated, other-folder, other-user or other-kind state', async () => {
      const c = contract.client();
      const folder = await c.createFolder('States');
      await c.fill(folder, 3, 'State');
      const { state } = await c.syncAll(folder);
      const hierarchy = (
        await c.one(SyncFolderHierarchy, {
          folderShape: { baseShape: 'IdOnly' },
          syncFolderId: { distinguished: 'msgfolderroot' },
        })
      ).syncState!;
      const middle = Math.floor(state.length / 2);
      const forged = state.slice(0, middle) + (state[middle] === 'A' ? 'B' : 'A') + state.slice(middle + 1);
      const cases: [string, Promise<Awaited<ReturnType<typeof itemsState>>>][] = [
        ['forged', itemsState(c, folder, forged)],
        ['truncated', itemsState(c, folder, state.slice(0, middle))],
        ['garbage', itemsState(c, folder, 'not a sync state')],
        ['another folder', itemsState(c, { distinguished: 'sentitems' }, state)],
        ['a hierarchy state', itemsState(c, folder, hierarchy)],
      ];
      for (const [why, pending] of cases) {
        const m = await pending;
        expect(m.responseCode, why).toBe('ErrorInvalidSyncStateData');
        expect(m.responseClass).toBe('Error');
        expect(m.messageText).toBe(INVALID_ITEMS);
        expect(m.syncState).toBe('');
        expect(m.includesLastItemInRange).toBe(true);
      }
      const ada = contract.client(ADA);
      const adaInbox = await ada.one(GetFolder, {
        folderShape: { baseShape: 'IdOnly' },
        folderIds: [{ distinguished: 'inbox' }],
      });
      expect((await itemsState(ada, adaInbox.folders![0]!.folderId!, state)).responseCode).toBe(
        'ErrorInvalidSyncStateData',
      );
      const wrongKind = (
        await c.call(SyncFolderHierarchy, {
          folderShape: { baseShape: 'IdOnly' },
          syncFolderId: { distinguished: 'msgfolderroot' },
          syncState: state,
        })
      )[0]!;
      expect(wrongKind.responseCode).toBe('ErrorInvalidSyncStateData');
      expect(wrongKind.includesLastFolderInRange).toBe(true);
      // The genuine state still works after all that.
      expect((await itemsState(c, folder, state)).responseClass).toBe('Success');
    });

    it('answers ErrorSyncFolderNotFound for a folder that was deleted', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Doomed');
      const { state } = await c.syncAll(folder);
      await c.one(DeleteFolder, { deleteType: 'HardDelete', folderIds: [folder] });
      const m = await itemsState(c, folder, state);
      expect(m.responseCode).toBe('ErrorSyncFolderNotFound');
      expect(m.includesLastItemInRange).toBe(true);
    });

    it('answers each id of a batch on its own, in request order (a vanished id fails alone)', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Batch');
      const [a, gone, b] = await c.fill(folder, 3, 'Batch');
      await c.one(DeleteItem, { deleteType: 'HardDelete', itemIds: [gone!] });
      const messages = await c.call(GetItem, {
        itemShape: { baseShape: 'Default' },
        itemIds: [a!, gone!, b!, { id: 'not-an-id' }],
      });
      expect(messages.map((m) => m.responseCode)).toEqual([
        'NoError',
        'ErrorItemNotFound',
        'NoError',
        'ErrorInvalidIdMalformed',
      ]);
      expect(messages[0]!.items![0]!.subject).toBe('Batch 0');
      expect(messages[1]!.items).toEqual([]);
      expect(messages[1]!.messageText).toBe('The specified object was not found in the store.');
      expect(messages[2]!.items![0]!.subject).toBe('Batch 2');

      const folders = await c.call(GetFolder, {
        folderShape: { baseShape: 'IdOnly' },
        folderIds: [
          { distinguished: 'inbox' },
          { distinguished: 'peopleconnect' },
          { distinguished: 'archive' },
          folder,
        ],
      });
      expect(folders.map((m) => m.responseCode)).toEqual(['NoError', 'ErrorFolderNotFound', 'NoError', 'NoError']);
      expect(folders[1]!.folders).toEqual([]);
    });

    it('checks the ChangeKey of UpdateItem as the conflict resolution says', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Conflicts');
      const [item] = await c.fill(folder, 1, 'Conflict');
      const stale = item!;
      const fresh = (await c.one(UpdateItem, markRead(stale, 'AutoResolve'))).items![0]!.itemId!;
      expect(fresh.id).toBe(stale.id);
      expect(fresh.changeKey).not.toBe(stale.changeKey);

      const code = async (req: UpdateItemRequest) => (await c.call(UpdateItem, req))[0]!.responseCode;
      expect(await code(markRead(stale, 'NeverOverwrite', false))).toBe('ErrorIrresolvableConflict');
      // AutoResolve: the read flag changed since the stale key, so another read change conflicts…
      expect(await code(markRead(stale, 'AutoResolve', false))).toBe('ErrorIrresolvableConflict');
      // …but an edit of something else merges.
      expect(await code(subject(stale, 'Merged'))).toBe('NoError');
      expect(await code(markRead({ id: stale.id }, 'AutoResolve'))).toBe('ErrorChangeKeyRequiredForWriteOperations');
      expect(await code(markRead({ id: stale.id, changeKey: '%%' }, 'NeverOverwrite'))).toBe('ErrorInvalidChangeKey');
      // AlwaysOverwrite needs no ChangeKey (Thunderbird sends none) and answers the new one.
      const over = await c.one(UpdateItem, markRead({ id: stale.id }, 'AlwaysOverwrite', false));
      const now = over.items![0]!.itemId!;
      expect(now.changeKey).not.toBe(fresh.changeKey);
      expect(await code(markRead(now, 'NeverOverwrite', true))).toBe('NoError');
      const got = await c.one(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [{ id: stale.id }] });
      expect(got.items![0]!.subject).toBe('Merged');
      expect(got.items![0]!.isRead).toBe(true);
    });

    it('faults an unknown operation with ErrorInvalidRequest naming it, and a DOCTYPE with ErrorSchemaValidation', async () => {
      const c = contract.client();
      const unknown = await faultOf(
        c,
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:FrobnicateItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"/></soap:Body></soap:Envelope>',
      );
      expect(unknown.code).toBe('ErrorInvalidRequest');
      expect(unknown.message).toContain('FrobnicateItem');
      const doctype = await faultOf(
        c,
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">&e;</m:GetFolder></soap:Body></soap:Envelope>',
      );
      expect(doctype.code).toBe('ErrorSchemaValidation');
      const broken = await faultOf(
        c,
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetFolder',
      );
      expect(broken.code).toBe('ErrorSchemaValidation');
      const badShape = await faultOf(
        c,
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:FolderShape><t:BaseShape>Everything</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>',
      );
      expect(badShape.code).toBe('ErrorSchemaValidation');
      expect(badShape.message).toContain('Everything');
    });
  });
}

export function isolationContract(contract: Contract): void {
  describe('isolation between users', () => {
    it('never lets one user read, change, move, sync or fetch attachments of another user’s mailbox', async () => {
      const demo = contract.client();
      const ada = contract.client(ADA);
      const folder = await demo.createFolder('Private');
      const made = await demo.one(CreateItem, {
        messageDisposition: 'SaveOnly',
        savedItemFolderId: folder,
        items: [
          {
            kind: 'Message',
            subject: 'Private',
            attachments: [
              { kind: 'FileAttachment', name: 'secret.txt', content: Buffer.from('secret').toString('base64') },
            ],
          },
        ],
      });
      const item = made.items![0]!.itemId!;
      const attachment = made.items![0]!.attachments![0]!.attachmentId!;
      expect((await ada.call(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [item] }))[0]!.responseCode).toBe(
        'ErrorItemNotFound',
      );
      expect((await ada.call(GetAttachment, { attachmentIds: [attachment] }))[0]!.responseCode).toBe(
        'ErrorItemNotFound',
      );
      expect(
        (await ada.call(GetFolder, { folderShape: { baseShape: 'Default' }, folderIds: [folder] }))[0]!.responseCode,
      ).toBe('ErrorItemNotFound');
      expect((await ada.call(UpdateItem, markRead({ id: item.id }, 'AlwaysOverwrite')))[0]!.responseCode).toBe(
        'ErrorItemNotFound',
      );
      expect((await ada.call(DeleteItem, { deleteType: 'HardDelete', itemIds: [item] }))[0]!.responseCode).toBe(
        'ErrorItemNotFound',
      );
      expect(
        (await ada.call(MoveItem, { toFolderId: { distinguished: 'inbox' }, itemIds: [item] }))[0]!.responseCode,
      ).toBe('ErrorItemNotFound');
      expect((await itemsState(ada, folder, 'x')).responseCode).toBe('ErrorSyncFolderNotFound');
      const got = await demo.one(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: [item] });
      expect(got.items![0]!.subject).toBe('Private');
    });
  });
}
