import { describe, expect, it } from 'vitest';
import {
  CreateItem,
  FindItem,
  GetItem,
  GetUserOofSettings,
  SetUserOofSettings,
  SendItem,
  UpdateItem,
  type FolderRef,
  type Item,
  type ItemId,
} from '../../src/ews/index.js';
import { ADA, DEMO, OPERATION_ID, type EwsClient } from './ews-client.js';
import type { Contract } from './mailbox-contract.js';

const withOperation = (operation: string, folder: FolderRef) => ({
  traversal: 'Shallow' as const,
  itemShape: {
    baseShape: 'IdOnly' as const,
    additionalProperties: [{ fieldURI: 'item:Subject' }, { extended: OPERATION_ID }],
  },
  restriction: { op: 'IsEqualTo' as const, path: { extended: OPERATION_ID }, value: operation },
  parentFolderIds: [folder],
});

async function findBySubject(c: EwsClient, folder: FolderRef, subject: string): Promise<Item[]> {
  const m = await c.one(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'Default' },
    restriction: { op: 'IsEqualTo', path: { fieldURI: 'item:Subject' }, value: subject },
    parentFolderIds: [folder],
  });
  return m.rootFolder!.items;
}

export function sendContract(contract: Contract): void {
  describe('sending', () => {
    it('answers with the recipient’s automatic reply, once a sender, marked as automatic, and only while on', async () => {
      const demo = contract.client();
      const ada = contract.client(ADA);
      const away = {
        oofState: 'Enabled' as const,
        externalAudience: 'None' as const,
        internalReply: 'Away until Monday.',
        externalReply: '',
      };
      const send = (subject: string) =>
        demo.one(CreateItem, {
          messageDisposition: 'SendAndSaveCopy',
          savedItemFolderId: { distinguished: 'sentitems' },
          items: [{ kind: 'Message', subject, toRecipients: [{ emailAddress: ADA }] }],
        });
      const replies = async (subject: string) =>
        (await findBySubject(demo, { distinguished: 'inbox' }, `Automatic reply: ${subject}`)).length;

      expect((await ada.one(SetUserOofSettings, { mailbox: ADA, userOofSettings: away })).responseCode).toBe('NoError');
      try {
        expect((await ada.one(GetUserOofSettings, { mailbox: ADA })).oofSettings).toEqual(away);
        const first = `Are you in? ${Date.now()}`;
        await send(first);
        await expect.poll(() => replies(first)).toBe(1);
        const [reply] = await findBySubject(demo, { distinguished: 'inbox' }, `Automatic reply: ${first}`);
        const got = await demo.one(GetItem, {
          itemShape: {
            baseShape: 'Default',
            bodyType: 'Text',
            additionalProperties: [{ fieldURI: 'item:InternetMessageHeaders' }],
          },
          itemIds: [reply!.itemId!],
        });
        expect(got.items![0]!.body?.value).toContain('Away until Monday.');
        expect(got.items![0]!.from?.emailAddress).toBe(ADA);
        expect(got.items![0]!.internetMessageHeaders).toContainEqual({ name: 'Auto-Submitted', value: 'auto-replied' });

        // The same sender again: no second reply (known at delivery, so none can come later).
        const second = `Still there? ${Date.now()}`;
        await send(second);
        expect(await replies(second)).toBe(0);

        // Asked of another's mailbox, or scheduled to end before it starts: refused, nothing kept.
        expect((await demo.call(GetUserOofSettings, { mailbox: ADA }))[0]!.responseCode).toBe('ErrorAccessDenied');
        const backwards = {
          ...away,
          oofState: 'Scheduled' as const,
          duration: { startTime: '2027-01-02T00:00:00Z', endTime: '2027-01-01T00:00:00Z' },
        };
        const refused = await ada.call(SetUserOofSettings, { mailbox: ADA, userOofSettings: backwards });
        expect(refused[0]).toMatchObject({ responseClass: 'Error', responseCode: 'ErrorInvalidUserOofSettings' });
        expect((await ada.one(GetUserOofSettings, { mailbox: ADA })).oofSettings).toEqual(away);
      } finally {
        await ada.one(SetUserOofSettings, { mailbox: ADA, userOofSettings: { ...away, oofState: 'Disabled' } });
      }
    });

    it('SendAndSaveCopy delivers to a local recipient (their Inbox sync shows it) and keeps a copy in Sent Items', async () => {
      const demo = contract.client();
      const ada = contract.client(ADA);
      const before = await ada.syncAll({ distinguished: 'inbox' });
      const subject = `Lunch? ${Date.now()}`;
      const sent = await demo.one(CreateItem, {
        messageDisposition: 'SendAndSaveCopy',
        savedItemFolderId: { distinguished: 'sentitems' },
        items: [
          {
            kind: 'Message',
            subject,
            body: { bodyType: 'HTML', value: '<p>Shall we have <b>lunch</b> on Friday?</p>' },
            toRecipients: [{ name: 'Ada Lovelace', emailAddress: ADA }],
            bccRecipients: [{ emailAddress: 'hidden@example.com' }],
          },
        ],
      });
      expect(sent.items).toEqual([]);
      const after = await ada.syncAll({ distinguished: 'inbox' }, before.state);
      const created = after.changes.filter((ch) => ch.type === 'Create');
      expect(created).toHaveLength(1);
      const got = await ada.one(GetItem, {
        itemShape: { baseShape: 'Default', bodyType: 'Text' },
        itemIds: [created[0]!.type === 'Create' ? created[0]!.item.itemId! : { id: '' }],
      });
      const item = got.items![0]!;
      expect(item.subject).toBe(subject);
      expect(item.from?.emailAddress).toBe(DEMO);
      expect(item.isRead).toBe(false);
      expect(item.body?.value).toContain('Shall we have lunch on Friday?');
      expect(item.bccRecipients ?? []).toEqual([]);
      const copies = await findBySubject(demo, { distinguished: 'sentitems' }, subject);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.isRead).toBe(true);
    });

    it('saves a draft marked with an operation id, sends it with SendItem, and finds the mark again in Sent Items', async () => {
      const demo = contract.client();
      const ada = contract.client(ADA);
      const operation = `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const subject = `Report ${operation}`;
      const saved = await demo.one(CreateItem, {
        messageDisposition: 'SaveOnly',
        savedItemFolderId: { distinguished: 'drafts' },
        items: [
          {
            kind: 'Message',
            subject,
            body: { bodyType: 'Text', value: 'The quarterly report, attached.' },
            toRecipients: [{ emailAddress: ADA }],
            attachments: [
              {
                kind: 'FileAttachment',
                name: 'report.txt',
                contentType: 'text/plain',
                content: Buffer.from('numbers').toString('base64'),
              },
            ],
            extendedProperties: [{ field: OPERATION_ID, value: operation }],
          },
        ],
      });
      const draft: ItemId = saved.items![0]!.itemId!;
      expect(saved.items![0]!.attachments).toHaveLength(1);

      const inDrafts = await demo.one(FindItem, withOperation(operation, { distinguished: 'drafts' }));
      expect(inDrafts.rootFolder!.items.map((i) => i.itemId!.id)).toEqual([draft.id]);
      expect(inDrafts.rootFolder!.items[0]!.extendedProperties).toEqual([{ field: OPERATION_ID, value: operation }]);

      expect((await demo.call(SendItem, { saveItemToFolder: true, itemIds: [draft] }))[0]!.responseCode).toBe(
        'NoError',
      );
      // The retry of an ambiguous send finds nothing to send again.
      expect((await demo.call(SendItem, { saveItemToFolder: true, itemIds: [draft] }))[0]!.responseCode).toBe(
        'ErrorItemNotFound',
      );

      expect(
        (await demo.one(FindItem, withOperation(operation, { distinguished: 'drafts' }))).rootFolder!.items,
      ).toEqual([]);
      const inSent = await demo.one(FindItem, withOperation(operation, { distinguished: 'sentitems' }));
      expect(inSent.rootFolder!.items).toHaveLength(1);
      expect(inSent.rootFolder!.items[0]!.subject).toBe(subject);
      expect(inSent.rootFolder!.items[0]!.extendedProperties).toEqual([{ field: OPERATION_ID, value: operation }]);
      const delivered = await findBySubject(ada, { distinguished: 'inbox' }, subject);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.hasAttachments).toBe(true);
    });

    it('captures mail for recipients outside the mailbox in the outgoing log and relays nothing', async () => {
      const demo = contract.client();
      const subject = `External ${Date.now()}`;
      const m = await demo.one(CreateItem, {
        messageDisposition: 'SendAndSaveCopy',
        items: [
          {
            kind: 'Message',
            subject,
            body: { bodyType: 'Text', value: 'Hello' },
            toRecipients: [{ emailAddress: 'someone@example.com' }, { emailAddress: ADA }],
          },
        ],
      });
      expect(m.responseClass).toBe('Success');
      expect(await findBySubject(demo, { distinguished: 'sentitems' }, subject)).toHaveLength(1);
      expect(await findBySubject(contract.client(ADA), { distinguished: 'inbox' }, subject)).toHaveLength(1);
      const outgoing = contract.connection().outgoing;
      if (outgoing) {
        const captured = (await outgoing()).filter((o) => o.subject === subject);
        expect(captured).toHaveLength(1);
        expect(captured[0]!.to).toEqual(['someone@example.com']);
      }
    });

    it('sends MIME given alone (DavMail over SMTP, Thunderbird) and refuses a message without recipients', async () => {
      const demo = contract.client();
      const subject = `From MIME ${Date.now()}`;
      const mime = [
        `From: Demo User <${DEMO}>`,
        `To: Ada <${ADA}>`,
        `Subject: ${subject}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Sent as MIME.',
        '',
      ].join('\r\n');
      const m = await demo.one(CreateItem, {
        messageDisposition: 'SendOnly',
        items: [{ kind: 'Message', mimeContent: Buffer.from(mime).toString('base64') }],
      });
      expect(m.items).toEqual([]);
      expect(await findBySubject(contract.client(ADA), { distinguished: 'inbox' }, subject)).toHaveLength(1);
      expect(await findBySubject(demo, { distinguished: 'sentitems' }, subject)).toHaveLength(0);
      const nobody = await demo.call(CreateItem, {
        messageDisposition: 'SendAndSaveCopy',
        items: [{ kind: 'Message', subject: 'To nobody' }],
      });
      expect(nobody[0]!.responseCode).toBe('ErrorInvalidRecipients');
    });

    it('previews a message with both parts from its HTML, as Exchange keeps that as the body', async () => {
      const demo = contract.client();
      const subject = `Two parts ${Date.now()}`;
      const mime = [
        `From: Demo User <${DEMO}>`,
        `To: Ada <${ADA}>`,
        `Subject: ${subject}`,
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The **figures** are [here](https://tern.test/q3).',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>The <b>figures</b> are <a href="https://tern.test/q3">here</a>.</p>',
        '--b--',
        '',
      ].join('\r\n');
      await demo.one(CreateItem, {
        messageDisposition: 'SendOnly',
        items: [{ kind: 'Message', mimeContent: Buffer.from(mime).toString('base64') }],
      });
      const ada = contract.client(ADA);
      const [found] = await findBySubject(ada, { distinguished: 'inbox' }, subject);
      const got = await ada.one(GetItem, {
        itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Preview' }] },
        itemIds: [found!.itemId!],
      });
      expect(got.items?.[0]?.preview).toBe('The figures are here.');
    });

    it('keeps a reply that names only the message it answers in that message’s conversation, for both sides', async () => {
      const demo = contract.client();
      const ada = contract.client(ADA);
      const subject = `Thread ${Date.now()}`;
      const threadOf = async (c: EwsClient, folder: string, s: string) => {
        const [found] = await findBySubject(c, { distinguished: folder }, s);
        const got = await c.one(GetItem, {
          itemShape: {
            baseShape: 'IdOnly',
            additionalProperties: [{ fieldURI: 'item:ConversationId' }, { fieldURI: 'message:InternetMessageId' }],
          },
          itemIds: [found!.itemId!],
        });
        const item = got.items![0]!;
        return { conversation: item.conversationId!.id, messageId: item.internetMessageId! };
      };
      // Each reply names only the message it answers, as Tern and many phones write them.
      const reply = async (from: EwsClient, to: string, s: string, answered: string) =>
        from.one(CreateItem, {
          messageDisposition: 'SendAndSaveCopy',
          savedItemFolderId: { distinguished: 'sentitems' },
          items: [
            {
              kind: 'Message',
              subject: s,
              body: { bodyType: 'Text', value: 'Yes.' },
              toRecipients: [{ emailAddress: to }],
              inReplyTo: answered,
              references: answered,
            },
          ],
        });
      await demo.one(CreateItem, {
        messageDisposition: 'SendAndSaveCopy',
        savedItemFolderId: { distinguished: 'sentitems' },
        items: [
          { kind: 'Message', subject, body: { bodyType: 'Text', value: '?' }, toRecipients: [{ emailAddress: ADA }] },
        ],
      });
      const first = await threadOf(ada, 'inbox', subject);
      expect((await threadOf(demo, 'sentitems', subject)).conversation).toBe(first.conversation);
      await reply(ada, DEMO, `Re: ${subject}`, first.messageId);
      const second = await threadOf(demo, 'inbox', `Re: ${subject}`);
      expect(second.conversation).toBe(first.conversation);
      expect((await threadOf(ada, 'sentitems', `Re: ${subject}`)).conversation).toBe(first.conversation);
      // The third names the second only, whose own parent it does not know.
      await reply(demo, ADA, `Re: Re: ${subject}`, second.messageId);
      expect((await threadOf(ada, 'inbox', `Re: Re: ${subject}`)).conversation).toBe(first.conversation);
      expect((await threadOf(demo, 'sentitems', `Re: Re: ${subject}`)).conversation).toBe(first.conversation);
      // A message answering one this mailbox never held starts a conversation of its own.
      await reply(demo, ADA, `Stray ${subject}`, '<never-seen@example.org>');
      expect((await threadOf(ada, 'inbox', `Stray ${subject}`)).conversation).not.toBe(first.conversation);
    });
  });
}

export function draftsContract(contract: Contract): void {
  describe('drafts', () => {
    it('edits a draft (its MIME follows) and sends it with UpdateItem SendAndSaveCopy', async () => {
      const demo = contract.client();
      const saved = await demo.one(CreateItem, {
        messageDisposition: 'SaveOnly',
        items: [{ kind: 'Message', subject: 'First words', body: { bodyType: 'Text', value: 'Draft one.' } }],
      });
      const draft = saved.items![0]!.itemId!;
      const subject = `Final words ${Date.now()}`;
      const edited = await demo.one(UpdateItem, {
        conflictResolution: 'AutoResolve',
        messageDisposition: 'SaveOnly',
        itemChanges: [
          {
            itemId: draft,
            updates: [
              { kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject } },
              {
                kind: 'Set',
                path: { fieldURI: 'item:Body' },
                item: { kind: 'Message', body: { bodyType: 'HTML', value: '<p>Draft <i>two</i>.</p>' } },
              },
              {
                kind: 'Append',
                path: { fieldURI: 'message:ToRecipients' },
                item: { kind: 'Message', toRecipients: [{ emailAddress: ADA }] },
              },
              {
                kind: 'Append',
                path: { fieldURI: 'message:CcRecipients' },
                item: { kind: 'Message', ccRecipients: [{ emailAddress: 'cc@example.com' }] },
              },
            ],
          },
        ],
      });
      const now = edited.items![0]!.itemId!;
      const got = (
        await demo.one(GetItem, {
          itemShape: { baseShape: 'Default', includeMimeContent: true, bodyType: 'Text' },
          itemIds: [now],
        })
      ).items![0]!;
      const mime = Buffer.from(got.mimeContent!, 'base64').toString('utf8');
      expect(mime).toContain(`Subject: ${subject}`);
      expect(mime).toContain('<i>two</i>');
      expect(mime).toMatch(/^To: .*ada@tern\.test/m);
      expect(got.body?.value).toBe('Draft two.');
      expect(got.isDraft).toBe(true);

      const sent = await demo.call(UpdateItem, {
        conflictResolution: 'AutoResolve',
        messageDisposition: 'SendAndSaveCopy',
        itemChanges: [
          {
            itemId: now,
            updates: [
              { kind: 'Set', path: { fieldURI: 'item:Importance' }, item: { kind: 'Message', importance: 'High' } },
            ],
          },
        ],
      });
      expect(sent[0]!.responseCode).toBe('NoError');
      const delivered = await findBySubject(contract.client(ADA), { distinguished: 'inbox' }, subject);
      expect(delivered.map((i) => [i.importance, i.isDraft])).toEqual([['High', false]]);
      expect(await findBySubject(demo, { distinguished: 'drafts' }, subject)).toEqual([]);
      expect(await findBySubject(demo, { distinguished: 'sentitems' }, subject)).toHaveLength(1);
      const outgoing = contract.connection().outgoing;
      if (outgoing)
        expect((await outgoing()).filter((o) => o.subject === subject).map((o) => o.to)).toEqual([['cc@example.com']]);
    });
  });
}
