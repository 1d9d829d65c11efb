import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Probe } from '../probe.js';
import { runPythonFlow, type Verify } from '../python-flow.js';
import type { Report } from '../report.js';
import type { SoapLog } from '../soap-log.js';
import { until } from '../wait.js';

export interface DavmailSetup {
  report: Report;
  log: SoapLog;
  davmail: string;
  python: string;
  ews: string;
  demo: Probe;
  ada: Probe;
  /** A fresh directory for the properties and DavMail's log. */
  dir: string;
  imapPort: number;
  smtpPort: number;
}

const CLIENT = 'DavMail';
// DavMail sends a browser's User-Agent unless told otherwise; this one marks its requests in the log.
const AGENT = 'DavMail/6';
const FLOW = fileURLToPath(new URL('./flow.py', import.meta.url));

// How DavMail names the distinguished folders in IMAP; the rest keep their display names.
const IMAP_NAMES: Record<string, string> = {
  Inbox: 'INBOX',
  'Sent Items': 'Sent',
  'Deleted Items': 'Trash',
  'Junk Email': 'Junk',
  Outbox: 'Unsent Messages',
};
const imapName = (path: string) => {
  const [top, ...rest] = path.split('/');
  return [IMAP_NAMES[top!] ?? top, ...rest].join('/');
};

const bare = (id: unknown) =>
  String(id ?? '')
    .trim()
    .replace(/^<|>$/g, '');

/**
 * DavMail in server mode (IMAP and SMTP, direct EWS) in front of the mailbox, as EWS-CLIENTS.md
 * section 3 configures it, driven by flow.py with imaplib and smtplib; each step verified on the
 * server through EWS. DavMail is stopped at the end whatever happened.
 */
export async function checkDavmail(s: DavmailSetup): Promise<void> {
  const props = join(s.dir, 'davmail.properties');
  writeFileSync(
    props,
    [
      'davmail.mode=EWS',
      `davmail.url=${s.ews}`,
      'davmail.server=true',
      'davmail.allowRemote=false',
      'davmail.bindAddress=127.0.0.1',
      `davmail.imapPort=${s.imapPort}`,
      `davmail.smtpPort=${s.smtpPort}`,
      // An empty port turns a listener off.
      'davmail.caldavPort=',
      'davmail.ldapPort=',
      'davmail.popPort=',
      'davmail.enableKeepAlive=false',
      'davmail.ssl.nosecureimap=true',
      'davmail.ssl.nosecuresmtp=true',
      'davmail.disableUpdateCheck=true',
      'davmail.userAgent=DavMail/6.0.1',
      `davmail.logFilePath=${join(s.dir, 'davmail.log')}`,
      'log4j.rootLogger=WARN',
      'log4j.logger.davmail=DEBUG',
      '',
    ].join('\n'),
  );
  const out = createWriteStream(join(s.dir, 'davmail.out'));
  const child = spawn(s.davmail, ['-server', props], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', kill);
  try {
    const up = await s.report.step(CLIENT, 'start (server mode, IMAP and SMTP)', AGENT, async () => {
      await until('DavMail listening on IMAP', () => listening(s.imapPort), 60_000);
      const banner = /DavMail Gateway (\S+)/.exec(readFileSync(join(s.dir, 'davmail.out'), 'utf8'))?.[1];
      return `DavMail ${banner ?? '(version not printed)'}; IMAP ${s.imapPort}, SMTP ${s.smtpPort}`;
    });
    if (!up) return;
    await runPythonFlow({
      report: s.report,
      log: s.log,
      client: CLIENT,
      agent: AGENT,
      python: s.python,
      script: FLOW,
      args: [String(s.imapPort), String(s.smtpPort), 'demo@tern.test', 'demo'],
      steps: Object.entries(verifications(s)),
      stderrFile: join(s.dir, 'davmail-flow.log'),
    });
  } finally {
    kill();
    process.off('exit', kill);
  }
}

function verifications({ demo, ada }: DavmailSetup): Record<string, Verify> {
  const paths = () => demo.folderPaths();
  const folder = async (path: string) => {
    const f = (await paths()).get(path);
    if (!f) throw new Error(`the server has no folder ${path}`);
    return f.id;
  };
  const inInbox = async (messageId: unknown) => demo.withMessageId(await folder('Inbox'), String(messageId));
  const seenOnServer = (want: boolean) => async (d: Record<string, unknown>) => {
    await until(`the server seeing the message ${want ? 'read' : 'unread'}`, async () =>
      (await inInbox(d['message_id']))[0]?.isRead === want ? true : undefined,
    );
    return `IsRead ${want} on the server`;
  };
  return {
    'IMAP LOGIN': async () => 'GetFolder ×8, ConvertId',
    LIST: async (d) => {
      const names = new Set(d['names'] as string[]);
      const mail = [...(await paths())].filter(([, f]) => !f.folderClass || f.folderClass.startsWith('IPF.Note'));
      const missing = mail.map(([p]) => imapName(p)).filter((n) => !names.has(n));
      if (missing.length) throw new Error(`LIST lacks ${missing.join(', ')}`);
      return `${names.size} folders, every mail folder among them`;
    },
    'SELECT INBOX, FETCH headers': async (d) => {
      const messages = d['messages'] as { message_id: string; seen: boolean }[];
      const server = await demo.items(await folder('Inbox'));
      if (d['exists'] !== server.length)
        throw new Error(`EXISTS ${String(d['exists'])}, the server has ${server.length}`);
      const byId = new Map(server.map((i) => [bare(i.internetMessageId), i]));
      const wrong = messages.filter((m) => byId.get(bare(m.message_id))?.isRead !== m.seen);
      if (wrong.length) throw new Error(`${wrong.length} messages unknown or with the wrong \\Seen flag`);
      return `EXISTS ${server.length}; Message-IDs and \\Seen as on the server`;
    },
    'FETCH BODY[] (MimeContent)': async (d) => {
      const [item] = await inInbox(d['message_id']);
      const stored = await demo.mime(item!.itemId!);
      const got = Buffer.from(String(d['mime']), 'base64');
      if (!got.equals(stored))
        throw new Error(`DavMail served ${got.length} bytes, the server stores ${stored.length}`);
      return `${got.length} bytes, identical to the stored MIME`;
    },
    'STORE -FLAGS \\Seen': seenOnServer(false),
    'SEARCH UNSEEN, SEARCH SUBJECT': async (d) => {
      const server = await demo.items(await folder('Inbox'));
      const unread = server.filter((i) => !i.isRead).length;
      if (!unread) throw new Error('the previous step should have left a message unread');
      if (d['unseen'] !== unread)
        throw new Error(`SEARCH UNSEEN found ${String(d['unseen'])}, the server has ${unread}`);
      const word = String(d['subject_word']).toLowerCase();
      const matching = server.filter((i) => (i.subject ?? '').toLowerCase().includes(word)).length;
      if (d['subject'] !== matching)
        throw new Error(`SEARCH SUBJECT ${word} found ${String(d['subject'])}, the server has ${matching}`);
      return `UNSEEN ${unread}, SUBJECT "${word}" ${matching}, as on the server`;
    },
    'STORE +FLAGS \\Seen': seenOnServer(true),
    'STORE +FLAGS \\Flagged': async (d) => {
      await until('the server showing the message flagged', async () =>
        (await inInbox(d['message_id']))[0]?.flag?.flagStatus === 'Flagged' ? true : undefined,
      );
      return 'Flag Flagged on the server';
    },
    'STORE +FLAGS \\Answered $label1': async (d) => {
      const flags = d['flags'] as string[];
      if (!flags.includes('\\Answered') || !flags.includes('$label1'))
        throw new Error(`a new session sees FLAGS (${flags.join(' ')})`);
      // DavMail stores Thunderbird's $label1…$label5 as the categories those tags are named after.
      const [item] = await inInbox(d['message_id']);
      if (!item?.categories?.includes('Important'))
        throw new Error(`the server's categories are ${JSON.stringify(item?.categories ?? [])}, not Important`);
      return 'kept across sessions; $label1 is the category Important on the server';
    },
    COPY: async (d) => {
      if ((await demo.withMessageId(await folder('Travel'), String(d['message_id']))).length !== 1)
        throw new Error('no copy in Travel');
      if ((await inInbox(d['message_id'])).length !== 1) throw new Error('the original left the Inbox');
      return 'Inbox → Travel; the original stays';
    },
    MOVE: async (d) => {
      if ((await demo.withMessageId(await folder('Receipts'), String(d['message_id']))).length !== 1)
        throw new Error('not in Receipts');
      if ((await inInbox(d['message_id'])).length) throw new Error('still in the Inbox');
      return 'Inbox → Receipts';
    },
    'STORE \\Deleted, EXPUNGE': async (d) => {
      if ((await inInbox(d['message_id'])).length) throw new Error('still in the Inbox');
      return 'gone from the server';
    },
    'APPEND to Drafts': async (d) => {
      const found = await demo.withSubject({ distinguished: 'drafts' }, String(d['subject']));
      if (found.length !== 1) throw new Error(`Drafts holds ${found.length} copies`);
      return 'one message in Drafts';
    },
    'CREATE, RENAME, DELETE folder': async () => {
      const now = await paths();
      if (!now.has('Trips 2026')) throw new Error('no folder Trips 2026 on the server');
      if (now.has('Trips')) throw new Error('Trips is still there after the rename');
      if (now.has('Old stuff') || now.has('Deleted Items/Old stuff')) throw new Error('Old stuff is still there');
      return 'CreateFolder, UpdateFolder, DeleteFolder';
    },
    'SMTP send': async (d) => {
      const subject = String(d['subject']);
      const received = await until('the message in ada’s Inbox', async () => {
        const found = await ada.withSubject({ distinguished: 'inbox' }, subject);
        return found.length ? found : undefined;
      });
      if (received.length !== 1) throw new Error(`ada's Inbox holds ${received.length} copies`);
      const sent = await demo.withSubject({ distinguished: 'sentitems' }, subject);
      if (sent.length !== 1) throw new Error(`demo's Sent Items holds ${sent.length} copies`);
      return 'one copy in ada’s Inbox, one in demo’s Sent Items';
    },
  };
}

/** True once something accepts connections on the port. */
function listening(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(undefined));
  });
}
