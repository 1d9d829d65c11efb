import { join } from 'node:path';
import type { Item } from '../../../src/ews/index.js';
import type { Probe } from '../probe.js';
import type { Report } from '../report.js';
import { until } from '../wait.js';
import { launchThunderbird, type RunningThunderbird } from './launch.js';
import { ThunderbirdMail, type TbMessage } from './mailnews.js';
import { writeProfile } from './profile.js';

export interface ThunderbirdSetup {
  report: Report;
  binary: string;
  /** The Tern EWS endpoint. */
  ews: string;
  /** The server side, as demo and as ada. */
  demo: Probe;
  ada: Probe;
  /** A fresh directory for the profile and Thunderbird's own log. */
  dir: string;
  marionettePort: number;
}

const CLIENT = 'Thunderbird';
// Part of Thunderbird's User-Agent, to pick its requests out of the server log.
const AGENT = 'Thunderbird/';

const STEPS = [
  'sync folders',
  'sync mail',
  'open a message (MimeContent)',
  'mark unread, then read',
  'star, then unstar',
  'copy',
  'move',
  'delete to Deleted Items',
  'delete for good',
  'save a draft',
  'send (ada receives it, copy in Sent)',
  'pick up changes made elsewhere',
  'create, rename and delete a folder',
  'mark a folder read',
  'empty Deleted Items',
] as const;

/**
 * Thunderbird (native EWS) against the mailbox: a user.js profile for demo@tern.test, the password
 * through Marionette, then each user action through the mailnews APIs, each verified on the
 * server through EWS with Tern's codec. Thunderbird is closed at the end whatever happened.
 */
export async function checkThunderbird(s: ThunderbirdSetup): Promise<void> {
  let tb: RunningThunderbird | undefined;
  try {
    await runSteps(s, (t) => (tb = t));
  } finally {
    await tb?.close();
  }
}

async function runSteps(s: ThunderbirdSetup, started: (tb: RunningThunderbird) => void): Promise<void> {
  const { report, demo, ada } = s;
  let mail: ThunderbirdMail | undefined;
  let tb: RunningThunderbird | undefined;
  const ok = await report.step(CLIENT, 'start (user.js profile, Marionette, password)', AGENT, async () => {
    const profile = join(s.dir, 'profile');
    writeProfile({
      dir: profile,
      ews: s.ews,
      user: 'demo@tern.test',
      fullName: 'Demo User',
      marionettePort: s.marionettePort,
    });
    tb = await launchThunderbird(s.binary, profile, s.marionettePort, join(s.dir, 'thunderbird.log'));
    started(tb);
    mail = new ThunderbirdMail(tb.marionette);
    await mail.setPasswords('demo');
    const { browserName, browserVersion } = tb.marionette.capabilities;
    return `${String(browserName)} ${String(browserVersion)}`;
  });
  if (!ok || !mail || !tb) {
    for (const step of STEPS) report.skip(CLIENT, step, 'Thunderbird did not start');
    return;
  }
  const t = mail;
  const running = tb;
  const crashed = () => running.exited();
  // Every failure says so when the cause is that Thunderbird is gone.
  const step = (name: (typeof STEPS)[number], fn: () => Promise<string | void>) =>
    report.step(
      CLIENT,
      name,
      AGENT,
      async () => {
        try {
          return await fn();
        } catch (e) {
          const gone = crashed();
          throw gone ? new Error(`${gone}: ${e instanceof Error ? e.message : String(e)}`) : e;
        }
      },
      { clientLog: running.log },
    );

  // Server truth: the mail folders, as Thunderbird shows them (it hides calendar, contacts, tasks…).
  const serverFolders = await demo.folderPaths();
  const mailFolders = [...serverFolders].filter(([, f]) => !f.folderClass || f.folderClass.startsWith('IPF.Note'));
  const folderId = (path: string) => {
    const f = serverFolders.get(path);
    if (!f) throw new Error(`the server has no folder ${path}`);
    return f.id;
  };

  const synced = await step('sync folders', async () => {
    await t.expand();
    const want = mailFolders.map(([path]) => path).sort();
    const seen = await until(
      `Thunderbird listing the ${want.length} mail folders`,
      async () => {
        const paths = new Set((await t.folders()).map((f) => f.path));
        return want.every((p) => paths.has(p)) ? paths : undefined;
      },
      30_000,
    ).catch(async (e: Error) => {
      const have = new Set((await t.folders()).map((f) => f.path));
      throw new Error(`${e.message}; missing: ${want.filter((p) => !have.has(p)).join(', ')}`);
    });
    const [inbox, trash, sent] = await Promise.all([t.special('Inbox'), t.special('Trash'), t.special('SentMail')]);
    if (inbox !== 'Inbox' || trash !== 'Deleted Items' || sent !== 'Sent Items')
      throw new Error(`special folders mapped wrongly: Inbox=${inbox}, Trash=${trash}, Sent=${sent}`);
    return `${seen.size} folders; Inbox, Deleted Items and Sent Items recognised`;
  });

  // The Inbox and a nested folder, compared message for message with the server.
  let inboxMessages: TbMessage[] = [];
  const mailSynced =
    synced &&
    (await step('sync mail', async () => {
      const counts: string[] = [];
      for (const path of ['Inbox', 'Projects/Alpha']) {
        const server = await demo.items(folderId(path));
        await t.update(path);
        const got = await until(
          `Thunderbird holding the ${server.length} messages of ${path}`,
          async () => {
            const list = await t.messages(path);
            return sameMessages(list, server) ? list : undefined;
          },
          30_000,
        ).catch(async (e: Error) => {
          throw new Error(`${e.message}; Thunderbird has ${(await t.messages(path)).length}`);
        });
        const wrongFlags = got.filter(
          (m) => server.find((i) => bare(i.internetMessageId) === m.messageId)?.isRead !== m.isRead,
        );
        if (wrongFlags.length) throw new Error(`${path}: read flags differ for ${wrongFlags.length} messages`);
        if (path === 'Inbox') inboxMessages = got;
        counts.push(`${path} ${got.length}`);
      }
      if (inboxMessages.length < 6)
        throw new Error(`the Inbox needs 6 messages for the steps, it has ${inboxMessages.length}`);
      return `${counts.join(', ')} messages, subjects and read flags as on the server`;
    }));
  if (!mailSynced) {
    for (const name of STEPS.slice(2)) report.skip(CLIENT, name, 'mail did not sync');
    return;
  }
  // One message per action, in a fixed order, so a failed step leaves the next one's message alone.
  const [opened, marked, copied, moved, deleted, changed] = [...inboxMessages]
    .sort((a, b) => a.messageId.localeCompare(b.messageId))
    .map((m) => m.messageId);
  const inboxId = folderId('Inbox');
  const one = async (folder: string, messageId: string) => {
    const found = await demo.withMessageId(folderId(folder), messageId);
    if (found.length !== 1) throw new Error(`${folder} holds ${found.length} copies of <${messageId}>`);
    return found[0]!;
  };

  await step('open a message (MimeContent)', async () => {
    const shown = Buffer.from(await t.source('Inbox', opened!), 'base64');
    const stored = await demo.mime((await one('Inbox', opened!)).itemId!);
    if (!shown.equals(stored))
      throw new Error(`Thunderbird read ${shown.length} bytes, the server stores ${stored.length}; they differ`);
    return `${shown.length} bytes, identical to the stored MIME`;
  });

  await step('mark unread, then read', async () => {
    const readOnServer = async (want: boolean) => {
      await until(`the server seeing <${marked}> ${want ? 'read' : 'unread'}`, async () =>
        (await one('Inbox', marked!)).isRead === want ? true : undefined,
      );
    };
    await t.markRead('Inbox', marked!, false);
    await readOnServer(false);
    await t.markRead('Inbox', marked!, true);
    await readOnServer(true);
    const local = (await t.messages('Inbox')).find((m) => m.messageId === marked);
    if (!local?.isRead) throw new Error('Thunderbird itself does not show the message read');
    return 'IsRead false then true on the server';
  });

  await step('star, then unstar', async () => {
    const flaggedOnServer = async (want: boolean) => {
      const status = want ? 'Flagged' : 'NotFlagged';
      await until(`the server seeing <${marked}> ${status}`, async () =>
        ((await one('Inbox', marked!)).flag?.flagStatus ?? 'NotFlagged') === status ? true : undefined,
      );
      await until(`Thunderbird showing it ${want ? 'starred' : 'not starred'}`, async () =>
        (await t.messages('Inbox')).find((m) => m.messageId === marked)?.isFlagged === want ? true : undefined,
      );
    };
    await t.markFlagged('Inbox', marked!, true);
    await flaggedOnServer(true);
    await t.markFlagged('Inbox', marked!, false);
    await flaggedOnServer(false);
    return 'Flag Flagged then NotFlagged on the server';
  });

  await step('copy', async () => {
    await t.transfer('Inbox', copied!, 'Travel', false);
    await until('the copy in Travel', async () =>
      (await demo.withMessageId(folderId('Travel'), copied!)).length === 1 ? true : undefined,
    );
    await one('Inbox', copied!);
    return 'Inbox → Travel; the original stays';
  });

  await step('move', async () => {
    await t.transfer('Inbox', moved!, 'Receipts', true);
    await until('the message in Receipts', async () =>
      (await demo.withMessageId(folderId('Receipts'), moved!)).length === 1 ? true : undefined,
    );
    const left = await demo.withMessageId(inboxId, moved!);
    if (left.length) throw new Error('the message is still in the Inbox on the server');
    const local = await t.messages('Receipts');
    if (!local.some((m) => m.messageId === moved)) throw new Error('Thunderbird does not show it in Receipts');
    return 'Inbox → Receipts';
  });

  await step('delete to Deleted Items', async () => {
    await t.delete('Inbox', deleted!, false);
    await until('the message in Deleted Items', async () =>
      (await demo.withMessageId({ distinguished: 'deleteditems' }, deleted!)).length === 1 ? true : undefined,
    );
    if ((await demo.withMessageId(inboxId, deleted!)).length) throw new Error('it is still in the Inbox');
    return 'Inbox → Deleted Items';
  });

  await step('delete for good', async () => {
    await until('Thunderbird listing it in Deleted Items', async () =>
      (await t.messages('Deleted Items')).some((m) => m.messageId === deleted) ? true : undefined,
    );
    await t.delete('Deleted Items', deleted!, true);
    await until('the message gone from Deleted Items', async () =>
      (await demo.withMessageId({ distinguished: 'deleteditems' }, deleted!)).length === 0 ? true : undefined,
    );
    return 'gone from the server';
  });

  await step('save a draft', async () => {
    const subject = `Draft from Thunderbird ${Date.now().toString(36)}`;
    await t.saveDraft('ada@tern.test', subject, 'Not finished yet.\r\n');
    const drafts = await demo.withSubject({ distinguished: 'drafts' }, subject);
    if (drafts.length !== 1) throw new Error(`Drafts holds ${drafts.length} copies`);
    return 'one message in Drafts';
  });

  await step('send (ada receives it, copy in Sent)', async () => {
    const subject = `Thunderbird to Ada ${Date.now().toString(36)}`;
    await t.send('Ada Lovelace <ada@tern.test>', subject, 'Sent by Thunderbird through Tern.\r\n');
    const received = await until('the message in ada’s Inbox', async () => {
      const found = await ada.withSubject({ distinguished: 'inbox' }, subject);
      return found.length ? found : undefined;
    });
    if (received.length !== 1) throw new Error(`ada received ${received.length} copies`);
    const sent = await demo.withSubject({ distinguished: 'sentitems' }, subject);
    if (sent.length !== 1) throw new Error(`demo's Sent Items holds ${sent.length} copies (want exactly 1)`);
    return 'one copy in ada’s Inbox, one in demo’s Sent Items';
  });

  await step('pick up changes made elsewhere', async () => {
    const subject = `Ada to Demo ${Date.now().toString(36)}`;
    await ada.send('demo@tern.test', subject, 'Written on another device.');
    await demo.setRead((await one('Inbox', changed!)).itemId!, false);
    await t.update('Inbox');
    await until(
      'Thunderbird showing the new message and the changed read flag',
      async () => {
        const list = await t.messages('Inbox');
        const fresh = list.some((m) => topic(m.subject) === subject);
        const flag = list.find((m) => m.messageId === changed)?.isRead === false;
        return fresh && flag ? true : undefined;
      },
      30_000,
    );
    return 'new mail and a read flag changed on the server';
  });

  // The folder pane: what a user does to tidy up.
  const pathOnServer = async (path: string) => (await demo.folderPaths()).get(path);
  await step('create, rename and delete a folder', async () => {
    await t.createFolder('', 'Holidays');
    await until('Holidays on the server', async () => ((await pathOnServer('Holidays')) ? true : undefined));
    await until('Thunderbird listing Holidays', async () =>
      (await t.folders()).some((f) => f.path === 'Holidays') ? true : undefined,
    );
    await t.createFolder('Holidays', '2026');
    await until('Holidays/2026 on the server', async () => ((await pathOnServer('Holidays/2026')) ? true : undefined));
    await until('Thunderbird listing Holidays/2026', async () =>
      (await t.folders()).some((f) => f.path === 'Holidays/2026') ? true : undefined,
    );
    await t.renameFolder('Holidays/2026', 'Summer 2026');
    await until('the rename on the server', async () =>
      (await pathOnServer('Holidays/Summer 2026')) && !(await pathOnServer('Holidays/2026')) ? true : undefined,
    );
    await until('Thunderbird listing Holidays/Summer 2026', async () =>
      (await t.folders()).some((f) => f.path === 'Holidays/Summer 2026') ? true : undefined,
    );
    await t.deleteFolder('Holidays/Summer 2026');
    await until('the folder moved to Deleted Items on the server', async () =>
      (await pathOnServer('Deleted Items/Summer 2026')) && !(await pathOnServer('Holidays/Summer 2026'))
        ? true
        : undefined,
    );
    return 'CreateFolder ×2, UpdateFolder, MoveFolder to Deleted Items';
  });

  await step('mark a folder read', async () => {
    const alpha = folderId('Projects/Alpha');
    const items = await demo.items(alpha);
    for (const i of items.slice(0, 3)) await demo.setRead(i.itemId!, false);
    await t.update('Projects/Alpha');
    await until('Thunderbird seeing 3 unread in Projects/Alpha', async () =>
      (await t.messages('Projects/Alpha')).filter((m) => !m.isRead).length >= 3 ? true : undefined,
    );
    await t.markAllRead('Projects/Alpha');
    await until('every message of Projects/Alpha read on the server', async () =>
      (await demo.items(alpha)).every((i) => i.isRead) ? true : undefined,
    );
    return `${items.length} messages read on the server`;
  });

  await step('empty Deleted Items', async () => {
    const trash = { distinguished: 'deleteditems' } as const;
    await until('Thunderbird listing the folder deleted above in Deleted Items', async () =>
      (await t.folders()).some((f) => f.path === 'Deleted Items/Summer 2026') ? true : undefined,
    );
    await t.delete('Inbox', copied!, false);
    await until('Thunderbird listing the deleted message in Deleted Items', async () =>
      (await t.messages('Deleted Items')).some((m) => m.messageId === copied) ? true : undefined,
    );
    const before = (await demo.items(trash)).length;
    if (!before) throw new Error('the server shows nothing in Deleted Items to empty');
    await t.emptyTrash();
    await until('Deleted Items empty on the server, subfolders too', async () =>
      (await demo.items(trash)).length === 0 && !(await pathOnServer('Deleted Items/Summer 2026')) ? true : undefined,
    );
    return `${before} item(s) and a folder gone`;
  });
}

const bare = (messageId: string | undefined) => (messageId ?? '').trim().replace(/^<|>$/g, '');

// Thunderbird keeps a reply's subject without its "Re: " (a flag says it had one).
const topic = (subject: string | undefined) => (subject ?? '').replace(/^(re|fwd?|tr)\s*:\s*/i, '');

/** Same Message-IDs (Thunderbird keeps them without angle brackets) and subjects. */
function sameMessages(tb: TbMessage[], server: Item[]): boolean {
  if (tb.length !== server.length) return false;
  const want = new Map(server.map((i) => [bare(i.internetMessageId), topic(i.subject)]));
  return tb.every((m) => want.get(m.messageId) === topic(m.subject));
}
