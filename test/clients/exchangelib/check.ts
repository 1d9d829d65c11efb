import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATTACHED_EMAIL } from '../attached-email.js';
import type { Probe } from '../probe.js';
import { runPythonFlow, type Verify } from '../python-flow.js';
import type { Report } from '../report.js';
import type { SoapLog } from '../soap-log.js';
import { until } from '../wait.js';

export interface ExchangelibSetup {
  report: Report;
  log: SoapLog;
  python: string;
  ews: string;
  demo: Probe;
  ada: Probe;
  /** Where exchangelib's stderr goes. */
  dir: string;
}

const FLOW = fileURLToPath(new URL('./flow.py', import.meta.url));

const bare = (id: unknown) =>
  String(id ?? '')
    .trim()
    .replace(/^<|>$/g, '');

/**
 * exchangelib against the mailbox: flow.py runs the steps one at a time, and after each one this
 * side checks on the server what exchangelib did (and what it saw against what the server holds)
 * before letting it go on. The Python process is killed at the end whatever happened.
 */
export async function checkExchangelib(s: ExchangelibSetup): Promise<void> {
  const { demo, ada } = s;
  const inboxId = async () => (await demo.folderPaths()).get('Inbox')!.id;
  let inbox: { message_id: string; subject: string }[] = [];

  // What the server must show after each step, given what exchangelib reported.
  const verify: Record<string, Verify> = {
    connect: async (d) => `exchangelib ${String(d['version'])}; no request until first use`,
    'root.walk()': async (d) => {
      const names = new Set(d['names'] as string[]);
      const want = [...(await demo.folderPaths()).keys()].map((p) => p.split('/').pop()!);
      const missing = want.filter((n) => !names.has(n));
      if (missing.length) throw new Error(`walk() did not yield ${missing.join(', ')}`);
      return `${names.size} folders, every server folder among them`;
    },
    'sync_hierarchy (twice)': async (d) => {
      const first = d['first'] as string[];
      const second = d['second'] as string[];
      const want = (await demo.folderPaths()).size;
      if (first.length !== want)
        throw new Error(`the first pass yielded ${first.length} folders, the server has ${want}`);
      if (second.length) throw new Error(`the second pass (from the saved state) yielded ${second.length} changes`);
      return `${first.length} folders, then none from the saved state`;
    },
    sync_items: async (d) => {
      inbox = d['created'] as typeof inbox;
      const server = await demo.items(await inboxId());
      const got = new Set(inbox.map((m) => bare(m.message_id)));
      if (inbox.length !== server.length || !server.every((i) => got.has(bare(i.internetMessageId))))
        throw new Error(`exchangelib synced ${inbox.length} items, the server's Inbox holds ${server.length}`);
      if (d['second_pass_changes'] !== 0)
        throw new Error(`a second pass saw ${String(d['second_pass_changes'])} changes`);
      return `${inbox.length} items in pages of 5, then none`;
    },
    'mark unread (is_read=False)': (d) => readOnServer(String(d['message_id']), false),
    'order_by, slice, filter, count': async (d) => {
      const server = await demo.items(await inboxId());
      const newest = [...server]
        .sort((a, b) => b.dateTimeReceived!.localeCompare(a.dateTimeReceived!))
        .slice(0, 10)
        .map((i) => bare(i.internetMessageId));
      const got = (d['newest'] as string[]).map(bare);
      if (got.join() !== newest.join())
        throw new Error(`[:10] newest first gave ${got.length} items, not the server's 10 newest in order`);
      const same = server.filter((i) => i.subject === d['subject']).length;
      if ((d['by_subject'] as string[]).length !== same)
        throw new Error(`filter(subject=…) gave ${(d['by_subject'] as string[]).length}, the server has ${same}`);
      const unread = server.filter((i) => !i.isRead).length;
      if (!unread) throw new Error('the previous step should have left one message unread');
      if (d['unread'] !== unread)
        throw new Error(`filter(is_read=False).count() gave ${String(d['unread'])}, the server has ${unread}`);
      return `10 newest in order; filter by subject ${same}; unread ${unread}`;
    },
    'mark read (is_read=True)': (d) => readOnServer(String(d['message_id']), true),
    'read an attachment': async (d) => {
      const files = d['files'] as { name: string; sha256: string }[];
      const [item] = await demo.withMessageId(await inboxId(), String(d['message_id']));
      const stored = await demo.attachments(item!.itemId!);
      const want = stored.map((a) => `${a.name}:${createHash('sha256').update(a.content).digest('hex')}`);
      const got = files.map((f) => `${f.name}:${f.sha256}`);
      if (!files.length || got.join() !== want.join())
        throw new Error(`exchangelib read ${files.length} files; they differ from the ${stored.length} stored`);
      return `${files.length} file(s), content identical to the stored`;
    },
    'read an attached email': async (d) => {
      const want = ATTACHED_EMAIL;
      const seen = { subject: d['subject'], sender: d['sender'], mime: d['mime_sha256'] };
      if (seen.subject !== want.subject || seen.sender !== want.sender || seen.mime !== want.sha256)
        throw new Error(`exchangelib read ${JSON.stringify(seen)}, not the attached email delivered`);
      if (!String(d['body']).includes(want.text)) throw new Error(`its body reads ${JSON.stringify(d['body'])}`);
      return `ItemAttachment "${String(d['name'])}": subject, sender, body and MIME source as delivered`;
    },
    'attach to and detach from a draft': async (d) => {
      const [draft] = await demo.withSubject({ distinguished: 'drafts' }, String(d['subject']));
      if (!draft) throw new Error('no such draft in Drafts');
      const files = await demo.attachments(draft.itemId!);
      const got = files.map((f) => `${f.name}:${createHash('sha256').update(f.content).digest('hex')}`);
      if (got.join() !== `${String(d['kept'])}:${String(d['sha256'])}`)
        throw new Error(`the draft holds ${JSON.stringify(files.map((f) => f.name))}, not only the file kept`);
      return 'CreateAttachment of two files, DeleteAttachment of one: the draft holds the other';
    },
    copy: async (d) => {
      const id = String(d['message_id']);
      const travel = (await demo.folderPaths()).get('Travel')!.id;
      if ((await demo.withMessageId(travel, id)).length !== 1) throw new Error('no copy in Travel');
      if ((await demo.withMessageId(await inboxId(), id)).length !== 1) throw new Error('the original left the Inbox');
      return 'Inbox → Travel; the original stays';
    },
    'move to trash': async (d) => {
      const id = String(d['message_id']);
      if (!d['new_id']) throw new Error('exchangelib has no id for the moved item');
      if ((await demo.withMessageId({ distinguished: 'deleteditems' }, id)).length !== 1)
        throw new Error('not in Deleted Items');
      if ((await demo.withMessageId(await inboxId(), id)).length) throw new Error('still in the Inbox');
      return 'Inbox → Deleted Items, new id returned';
    },
    delete: async (d) => {
      const id = String(d['message_id']);
      if ((await demo.withMessageId(await inboxId(), id)).length) throw new Error('still in the Inbox');
      if ((await demo.withMessageId({ distinguished: 'deleteditems' }, id)).length)
        throw new Error('a HardDelete left it in Deleted Items');
      return 'gone (HardDelete)';
    },
    'create, rename, delete a folder': async (d) => {
      const paths = await demo.folderPaths();
      if (!paths.has(String(d['renamed']))) throw new Error(`no ${String(d['renamed'])} on the server`);
      for (const p of [d['before'], d['deleted']])
        if (paths.has(String(p))) throw new Error(`${String(p)} is still there`);
      return 'CreateFolder ×2, UpdateFolder (with PermissionSet deleted), DeleteFolder';
    },
    send_and_save: async (d) => {
      const subject = String(d['subject']);
      const received = await ada.withSubject({ distinguished: 'inbox' }, subject);
      if (received.length !== 1) throw new Error(`ada's Inbox holds ${received.length} copies`);
      const sent = await demo.withSubject({ distinguished: 'sentitems' }, subject);
      if (sent.length !== 1) throw new Error(`demo's Sent Items holds ${sent.length} copies`);
      const files = await ada.attachments(received[0]!.itemId!);
      const got = files.map((f) => `${f.name}:${createHash('sha256').update(f.content).digest('hex')}`);
      if (got.join() !== `${String(d['file'])}:${String(d['sha256'])}`)
        throw new Error(`ada received the attachments ${JSON.stringify(files.map((f) => f.name))}, not the one sent`);
      return 'one copy in ada’s Inbox with its attachment, one in demo’s Sent Items';
    },
  };

  async function readOnServer(messageId: string, want: boolean): Promise<string> {
    const id = await inboxId();
    await until(`the server seeing <${bare(messageId)}> ${want ? 'read' : 'unread'}`, async () => {
      const [item] = await demo.withMessageId(id, messageId);
      return item?.isRead === want ? true : undefined;
    });
    return `IsRead ${want} on the server`;
  }

  await runPythonFlow({
    report: s.report,
    log: s.log,
    client: 'exchangelib',
    agent: 'exchangelib/',
    python: s.python,
    script: FLOW,
    args: [s.ews, 'demo@tern.test', 'demo'],
    steps: Object.entries(verify),
    stderrFile: join(s.dir, 'exchangelib.log'),
  });
}
