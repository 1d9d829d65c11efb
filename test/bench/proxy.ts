/**
 * The proxy's overhead: the same sync workload (an initial IdOnly SyncFolderItems of the Inbox in
 * pages of 512, then GetItem in batches of 10) sent to the mailbox directly over HTTP
 * (`/EWS/Exchange.asmx`, Basic auth) and through a proxy-mode Tern (`/ews`, session cookie →
 * upstream `/EWS/Exchange.asmx`), both on loopback, in the same run. Prints both and the ratio.
 * The mailbox runs in a child process, as an upstream Exchange runs apart from the proxy.
 *
 *   npx tsx test/bench/proxy.ts
 */
import { cpus, loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GetItem, SyncFolderItems, decodeResponse, encodeRequest, type ItemId } from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';

const SEED_MESSAGES = 3000;
const GETITEM_IDS = 500;
const BATCH = 10;
const ROUNDS = 15;
const CLIENTS = 4;

type Send = (soap: string) => Promise<string>;

interface Figures {
  requests: number;
  bytes: number;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (the client, and the proxy when it is used). */
  cpuMs: number;
}

export async function benchProxy(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), SERVE_FLAG], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const upstream = { url: line.toString().trim() };
  const proxyApp = createApp({ upstream: `${upstream.url}/EWS/Exchange.asmx`, sessionSecret: 'b'.repeat(32) });
  const proxy = await listen(proxyApp, { port: 0, host: '127.0.0.1' });
  try {
    const signIn = await fetch(`${proxy.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'demo@tern.test', password: 'demo' }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in through the proxy failed: HTTP ${signIn.status}`);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const direct: Send = (soap) =>
      post(`${upstream.url}/EWS/Exchange.asmx`, soap, {
        authorization: `Basic ${Buffer.from('demo@tern.test:demo').toString('base64')}`,
      });
    const proxied: Send = (soap) =>
      post(`${proxy.url}/ews`, soap, { cookie, 'x-tern-client': '1', 'sec-fetch-site': 'same-origin' });

    await workload(direct);
    await workload(proxied);
    const runs = { direct: [] as Figures[], proxied: [] as Figures[] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.direct.push(await workload(direct));
      runs.proxied.push(await workload(proxied));
    }
    const d = median(runs.direct);
    const p = median(runs.proxied);
    const pd = await inParallel(direct);
    const pp = await inParallel(proxied);

    const row = (name: string, f: Figures) =>
      [
        name.padEnd(34),
        String(f.requests).padStart(8),
        (f.bytes / 1e6).toFixed(1).padStart(6),
        f.ms.toFixed(0).padStart(8),
        f.cpuMs.toFixed(0).padStart(8),
        ((f.requests * 1000) / f.ms).toFixed(0).padStart(7),
      ].join(' ');
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    // This process's CPU is the client's, plus the proxy's when it is used; the mailbox's is in the child.
    console.log(`\nProxy overhead (${SEED_MESSAGES} messages; median of ${ROUNDS} rounds; loopback)\n`);
    console.log(
      ['path'.padEnd(34), 'requests'.padStart(8), 'MB'.padStart(6), 'wall ms'.padStart(8), 'CPU ms'.padStart(8)]
        .concat('req/s'.padStart(7))
        .join(' '),
    );
    console.log(row('mailbox directly (/EWS)', d));
    console.log(row('through the proxy (/ews → /EWS)', p));
    console.log(row(`${CLIENTS} clients, directly`, pd));
    console.log(row(`${CLIENTS} clients, through the proxy`, pp));
    console.log(
      `\nratio proxy/direct (goal < 1.2×): ${ratio(p.ms, d.ms)} sequential, ${ratio(pp.ms, pd.ms)} with ${CLIENTS} clients`,
    );
    const perRequest = (x: Figures, y: Figures) => ((x.cpuMs - y.cpuMs) / x.requests).toFixed(2);
    console.log(
      `the proxy's own CPU per request: ${perRequest(p, d)} ms sequential, ${perRequest(pp, pd)} ms with ${CLIENTS} clients`,
    );
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
  } finally {
    await proxy.close();
    child.kill();
  }
}

const SERVE_FLAG = '--serve-mailbox';

/** The child: the mailbox behind its own Tern app; prints its URL and serves until killed. */
async function serveMailbox(): Promise<void> {
  // Throttling is the mailbox's business, not what this measures: give it room.
  const mailbox = openMailbox({
    dataDir: ':memory:',
    seedMessages: SEED_MESSAGES,
    throttle: { burst: 1e9, rechargePerSecond: 1e9, concurrentSyncCalls: 1000 },
  });
  const server = await listen(createApp({ mailbox }), { port: 0, host: '127.0.0.1' });
  process.stdout.write(`${server.url}\n`);
}

async function post(url: string, soap: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body: soap,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** One initial sync of the Inbox, then the first GETITEM_IDS items in batches: what a first pass does. */
async function workload(send: Send): Promise<Figures> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let requests = 0;
  let bytes = 0;
  const ids: ItemId[] = [];
  let syncState: string | undefined;
  for (;;) {
    const xml = await send(
      encodeRequest(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: { distinguished: 'inbox' },
        maxChangesReturned: 512,
        ...(syncState ? { syncState } : {}),
      }),
    );
    requests++;
    bytes += xml.length;
    const [m] = decodeResponse(SyncFolderItems, xml).messages;
    if (!m || m.responseClass !== 'Success') throw new Error(`SyncFolderItems: ${m?.responseCode}`);
    for (const c of m.changes ?? []) if (c.type === 'Create' && c.item.itemId) ids.push(c.item.itemId);
    syncState = m.syncState;
    if (m.includesLastItemInRange) break;
  }
  for (let i = 0; i < Math.min(GETITEM_IDS, ids.length); i += BATCH) {
    const xml = await send(
      encodeRequest(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: ids.slice(i, i + BATCH) }),
    );
    requests++;
    bytes += xml.length;
  }
  return { requests, bytes, ms: performance.now() - started, cpuMs: cpuSince(cpu) };
}

async function inParallel(send: Send): Promise<Figures> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const all = await Promise.all(Array.from({ length: CLIENTS }, () => workload(send)));
  return {
    requests: all.reduce((n, f) => n + f.requests, 0),
    bytes: all.reduce((n, f) => n + f.bytes, 0),
    ms: performance.now() - started,
    cpuMs: cpuSince(cpu),
  };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(runs: Figures[]): Figures {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes(SERVE_FLAG)) await serveMailbox();
  else await benchProxy();
}
