import {
  BasePropertySet,
  ConfigurationApi,
  ConflictResolutionMode,
  EmailMessage,
  ExchangeService,
  ExchangeVersion,
  Folder,
  FolderId,
  ItemView,
  MessageBody,
  PropertySet,
  SyncFolderItemsScope,
  Uri,
  WebCredentials,
  WellKnownFolderName,
  type IXHRApi,
  type IXHROptions,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMailbox } from './index.js';
import type { Mailbox } from './mailbox.js';

let mailbox: Mailbox;

// ews-javascript-api (the JavaScript port of the EWS Managed API) with its XHR layer replaced by
// the mailbox's handle(): the client's own serializer and parser, no network.
function service(user: string): ExchangeService {
  const xhr: IXHRApi = {
    apiName: 'tern-mailbox',
    xhr: async (options: IXHROptions) => {
      const answer = await mailbox.handle(user, String(options.data ?? ''));
      return {
        status: answer.status,
        responseText: answer.body,
        response: answer.body,
        getAllResponseHeaders: () => 'content-type: text/xml; charset=utf-8',
        getResponseHeader: (name: string) => (name.toLowerCase() === 'content-type' ? 'text/xml; charset=utf-8' : null),
      } as unknown as XMLHttpRequest;
    },
    xhrStream: async () => {
      throw new Error('streaming is not used');
    },
    disconnect: () => {},
  };
  ConfigurationApi.ConfigureXHR(xhr);
  const s = new ExchangeService(ExchangeVersion.Exchange2013_SP1);
  s.Url = new Uri('https://tern.invalid/EWS/Exchange.asmx');
  s.Credentials = new WebCredentials(user, 'demo');
  s.XHRApi = xhr;
  return s;
}

beforeAll(() => {
  mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 300 });
});
afterAll(() => mailbox.close());

describe('ews-javascript-api against the mailbox', () => {
  it('syncs the Inbox to the end and finds the same count GetFolder reports', async () => {
    const s = service('demo@tern.test');
    const inbox = await Folder.Bind(s, WellKnownFolderName.Inbox);
    let state = '';
    let created = 0;
    for (let pages = 0; pages < 100; pages++) {
      const changes: Awaited<ReturnType<ExchangeService['SyncFolderItems']>> = await s.SyncFolderItems(
        new FolderId(WellKnownFolderName.Inbox),
        PropertySet.IdOnly,
        [],
        50,
        SyncFolderItemsScope.NormalItems,
        state,
      );
      created += changes.Count;
      state = changes.SyncState;
      if (!changes.MoreChangesAvailable) break;
    }
    expect(created).toBe(inbox.TotalCount);
    expect(inbox.TotalCount).toBeGreaterThan(50);
  });

  it('finds, binds, marks read and sends mail', async () => {
    const s = service('demo@tern.test');
    const found = await s.FindItems(WellKnownFolderName.Inbox, new ItemView(5));
    expect(found.Items.length).toBe(5);
    const items = await s.BindToItems(
      found.Items.map((i) => i.Id),
      new PropertySet(BasePropertySet.FirstClassProperties),
    );
    const first = items.Responses[0]!.Item!;
    expect(first.Subject.length).toBeGreaterThan(0);
    expect(first.Body.Text.length).toBeGreaterThan(0);

    const message = (await EmailMessage.Bind(s, first.Id)) as EmailMessage;
    message.IsRead = !message.IsRead;
    await message.Update(ConflictResolutionMode.AutoResolve);
    const again = (await EmailMessage.Bind(s, first.Id)) as EmailMessage;
    expect(again.IsRead).toBe(message.IsRead);

    const mail = new EmailMessage(s);
    mail.Subject = 'Sent with ews-javascript-api';
    mail.Body = new MessageBody('Hello Ada.');
    mail.ToRecipients.Add('ada@tern.test');
    await mail.SendAndSaveCopy();
    const ada = service('ada@tern.test');
    const inbox = await ada.FindItems(WellKnownFolderName.Inbox, new ItemView(50));
    expect(inbox.Items.map((i) => i.Subject)).toContain('Sent with ews-javascript-api');
  });
});
