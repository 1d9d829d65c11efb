import * as ews from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';
import { FetchXhrApi } from './server-fetch-xhr.js';

// ews-javascript-api, a third-party port of Microsoft's EWS Managed API, against the Tern server's
// /EWS/Exchange.asmx on a real port, with HTTP Basic auth: the flow of a small mail client.
const {
  BasePropertySet,
  BodyType,
  ConflictResolutionMode,
  DeleteMode,
  EmailMessage,
  EmailMessageSchema,
  ExchangeService,
  ExchangeVersion,
  Folder,
  FolderId,
  ItemSchema,
  MessageBody,
  PropertySet,
  SyncFolderItemsScope,
  Uri,
  WebCredentials,
  WellKnownFolderName,
  ChangeType,
} = ews;

let mailbox: Mailbox;
let server: Listening;
const xhr = new FetchXhrApi();

beforeAll(async () => {
  mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 120 });
  server = await listen(createApp({ mailbox }), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  mailbox.close();
});

function service(user: string): ews.ExchangeService {
  const s = new ExchangeService(ExchangeVersion.Exchange2013_SP1);
  s.XHRApi = xhr;
  s.Credentials = new WebCredentials(user, 'demo');
  s.Url = new Uri(`${server.url}/EWS/Exchange.asmx`);
  return s;
}

/** Every change of a folder since `state`, page by page, as a client keeps up with it. */
async function syncItems(
  svc: ews.ExchangeService,
  folder: ews.FolderId,
  state: string,
  props: ews.PropertySet = PropertySet.IdOnly,
): Promise<{ changes: ews.ItemChange[]; state: string }> {
  const changes: ews.ItemChange[] = [];
  for (;;) {
    // An empty SyncState asks for everything, as a missing one does.
    const page = await svc.SyncFolderItems(folder, props, [], 100, SyncFolderItemsScope.NormalItems, state);
    changes.push(...page.GetEnumerator());
    state = page.SyncState;
    if (!page.MoreChangesAvailable) return { changes, state };
  }
}

describe('ews-javascript-api against /EWS/Exchange.asmx', () => {
  it('syncs, marks read, moves, deletes and sends, and sees all of it in its next sync', async () => {
    const demo = service('demo@tern.test');

    // The folder tree.
    const hierarchy = await demo.SyncFolderHierarchy(
      new FolderId(WellKnownFolderName.MsgFolderRoot),
      PropertySet.FirstClassProperties,
      '',
    );
    const folders = hierarchy.GetEnumerator().map((c) => c.Folder);
    const names = folders.map((f) => f.DisplayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Sent Items', 'Deleted Items', 'Drafts']));
    const target = folders.find((f) => f.FolderClass === 'IPF.Note' && f.DisplayName === 'Archive')!;
    expect(target).toBeDefined();

    // The Inbox, from scratch: every item once.
    const inboxId = new FolderId(WellKnownFolderName.Inbox);
    const inbox = await Folder.Bind(demo, inboxId);
    const first = await syncItems(demo, inboxId, '');
    expect(first.changes.every((c) => c.ChangeType === ChangeType.Create)).toBe(true);
    const ids = first.changes.map((c) => c.ItemId.UniqueId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(inbox.TotalCount);
    const sentBefore = await syncItems(demo, new FolderId(WellKnownFolderName.SentItems), '');
    const targetBefore = await syncItems(demo, target.Id, '');

    // Mark a message unread (the seed has few), and see just that in a sync.
    const props = new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Subject, EmailMessageSchema.IsRead]);
    const [toRead, toMove, toDelete] = await Promise.all(
      first.changes.slice(0, 3).map((c) => EmailMessage.Bind(demo, c.ItemId, props)),
    );
    toRead!.IsRead = false;
    await toRead!.Update(ConflictResolutionMode.AutoResolve);
    const unreadSync = await syncItems(demo, inboxId, first.state);
    expect(unreadSync.changes.map((c) => [c.ItemId.UniqueId, c.ChangeType])).toEqual([
      [toRead!.Id.UniqueId, ChangeType.ReadFlagChange],
    ]);
    expect(unreadSync.changes[0]!.IsRead).toBe(false);

    // Mark it read again, move one to Archive, delete one.
    const fresh = await EmailMessage.Bind(demo, toRead!.Id, props);
    expect(fresh.IsRead).toBe(false);
    fresh.IsRead = true;
    await fresh.Update(ConflictResolutionMode.AutoResolve);
    const moved = await toMove!.Move(target.Id);
    await toDelete!.Delete(DeleteMode.HardDelete);

    // Send one to ada.
    const subject = `Tern interop ${Date.now()}`;
    const message = new EmailMessage(demo);
    message.Subject = subject;
    message.Body = new MessageBody(BodyType.Text, 'Sent by ews-javascript-api through the Tern server.');
    message.ToRecipients.Add('ada@tern.test');
    await message.SendAndSaveCopy();

    // The next syncs show exactly that.
    const next = await syncItems(demo, inboxId, unreadSync.state);
    const byId = new Map(next.changes.map((c) => [c.ItemId.UniqueId, c]));
    expect(next.changes).toHaveLength(3);
    const readChange = byId.get(toRead!.Id.UniqueId)!;
    expect(readChange.ChangeType).toBe(ChangeType.ReadFlagChange);
    expect(readChange.IsRead).toBe(true);
    expect(byId.get(toMove!.Id.UniqueId)?.ChangeType).toBe(ChangeType.Delete);
    expect(byId.get(toDelete!.Id.UniqueId)?.ChangeType).toBe(ChangeType.Delete);

    const withSubject = new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Subject]);
    const targetAfter = await syncItems(demo, target.Id, targetBefore.state, withSubject);
    expect(targetAfter.changes.map((c) => [c.ChangeType, c.Item.Subject])).toEqual([
      [ChangeType.Create, toMove!.Subject],
    ]);
    // MoveItem answers the new ItemId (exchangelib and Thunderbird need it); the client hands it back.
    expect(moved.Id.UniqueId).toBe(targetAfter.changes[0]!.ItemId.UniqueId);

    const sentAfter = await syncItems(demo, new FolderId(WellKnownFolderName.SentItems), sentBefore.state, withSubject);
    expect(sentAfter.changes.map((c) => [c.ChangeType, c.Item.Subject])).toEqual([[ChangeType.Create, subject]]);

    // And ada has the mail.
    const ada = service('ada@tern.test');
    const adaInbox = await syncItems(ada, new FolderId(WellKnownFolderName.Inbox), '', withSubject);
    expect(adaInbox.changes.filter((c) => c.Item.Subject === subject)).toHaveLength(1);

    // A quiet sync afterwards has nothing to say.
    expect((await syncItems(demo, inboxId, next.state)).changes).toEqual([]);
  });

  it('is refused with the wrong password', async () => {
    const s = new ExchangeService(ExchangeVersion.Exchange2013_SP1);
    s.XHRApi = xhr;
    s.Credentials = new WebCredentials('demo@tern.test', 'wrong');
    s.Url = new Uri(`${server.url}/EWS/Exchange.asmx`);
    const before = xhr.sent.length;
    await expect(Folder.Bind(s, new FolderId(WellKnownFolderName.Inbox))).rejects.toBeDefined();
    expect(xhr.sent.slice(before)).toEqual([{ op: 'GetFolder', status: 401 }]);
  });
});
