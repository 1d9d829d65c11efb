import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Probe } from '../probe.js';
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

/** What flow.py prints after each step. */
interface StepLine {
  step: string;
  ok: boolean;
  data?: Record<string, unknown>;
  error?: string;
  trace?: string[];
}

const CLIENT = 'exchangelib';
const AGENT = 'exchangelib/';
const FLOW = fileURLToPath(new URL('./flow.py', import.meta.url));
// No single step of flow.py takes this long against a small mailbox.
const STEP_TIMEOUT_MS = 60_000;

const STEPS = [
  'connect',
  'root.walk()',
  'sync_hierarchy (twice)',
  'sync_items',
  'mark unread (is_read=False)',
  'order_by, slice, filter, count',
  'mark read (is_read=True)',
  'copy',
  'move to trash',
  'delete',
  'send_and_save',
];

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
  const { report, demo, ada } = s;
  const logMark = () => s.log.mark();
  const child = spawn(s.python, [FLOW, s.ews, 'demo@tern.test', 'demo'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.pipe(createWriteStream(join(s.dir, 'exchangelib.log')));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`flow.py exited (${signal ?? `code ${code}`})`)),
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const inboxId = async () => (await demo.folderPaths()).get('Inbox')!.id;
  const seen = new Set<string>();
  let inbox: { message_id: string; subject: string }[] = [];

  // What the server must show after each step, given what exchangelib reported.
  const verify: Record<string, (data: Record<string, unknown>) => Promise<string>> = {
    connect: async () => 'no request until first use',
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
    'mark unread (is_read=False)': (d) => readOnServer(String(d['message_id']), false),
    'mark read (is_read=True)': (d) => readOnServer(String(d['message_id']), true),
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
    send_and_save: async (d) => {
      const subject = String(d['subject']);
      const received = await ada.withSubject({ distinguished: 'inbox' }, subject);
      if (received.length !== 1) throw new Error(`ada's Inbox holds ${received.length} copies`);
      const sent = await demo.withSubject({ distinguished: 'sentitems' }, subject);
      if (sent.length !== 1) throw new Error(`demo's Sent Items holds ${sent.length} copies`);
      return 'one copy in ada’s Inbox, one in demo’s Sent Items';
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

  // flow.py runs a step, then reports it: the step began when it was let go.
  let since = { mark: logMark(), at: Date.now() };
  try {
    for (;;) {
      const next = await Promise.race([
        lines.next(),
        exited.then((why) => ({ done: true as const, value: why })),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`no step finished within ${STEP_TIMEOUT_MS / 1000} s`)),
            STEP_TIMEOUT_MS,
          ).unref(),
        ),
      ]);
      if (next.done) break;
      if (!next.value.startsWith('STEP ')) continue;
      const line = JSON.parse(next.value.slice(5)) as StepLine;
      seen.add(line.step);
      await report.step(
        CLIENT,
        line.step,
        AGENT,
        async () => {
          if (!line.ok)
            throw new Error(`${line.error ?? 'failed'}${line.trace ? ` [${line.trace.slice(-3).join(' / ')}]` : ''}`);
          const check = verify[line.step];
          if (!check) throw new Error('flow.py reported a step this side does not know');
          return check(line.data ?? {});
        },
        { since },
      );
      since = { mark: logMark(), at: Date.now() };
      child.stdin.write('next\n');
    }
  } catch (e) {
    report.fail(CLIENT, 'flow.py', e instanceof Error ? e.message : String(e));
  } finally {
    child.stdin.end();
    child.kill('SIGKILL');
  }
  for (const step of STEPS) if (!seen.has(step)) report.skip(CLIENT, step, 'not reached');
}
