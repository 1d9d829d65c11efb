/**
 * The proxy's overhead: the same sync workload (an initial IdOnly SyncFolderItems of the Inbox in
 * pages of 512, then GetItem in batches of 10) sent to the mailbox directly over HTTP
 * (`/EWS/Exchange.asmx`, Basic auth) and through a proxy-mode Tern (`/ews`, session cookie →
 * upstream `/EWS/Exchange.asmx`), both on loopback, in the same run. Prints both and the ratio.
 *
 * Three processes, as in use: the clients here, the mailbox in one child (an upstream Exchange runs
 * apart from the proxy) and the proxy in another (the PWA runs in browsers, not in the proxy), so
 * the clients' own work never holds up the proxy, and each process's CPU time is its own. Every
 * hop keeps its connections alive: `fetch` here on both paths, the proxy's agent upstream.
 *
 *   npx tsx test/bench/proxy.ts
 */
import { cpus, loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GetItem, SyncFolderItems, decodeResponse, encodeRequest, type ItemId } from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openMailbox } from '../../src/server/mailbox/index.js';

const SEED_MESSAGES = 3000;
const GETITEM_IDS = 500;
const BATCH = 10;
const ROUNDS = 15;
const PARALLEL_ROUNDS = 5;
const CLIENTS = 4;

type Send = (soap: string) => Promise<string>;

interface Figures {
  requests: number;
  bytes: number;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process: the clients'. */
  cpuMs: number;
  /** CPU time of the proxy and of the mailbox, read from the children before and after. */
  /** CPU time of what stands between the clients and the mailbox (Tern's proxy or the bare relay), and of the mailbox. */
  proxyCpuMs: number;
  mailboxCpuMs: number;
}

/** A child process serving HTTP: its URL, and its CPU time on request. */
interface Server {
  url: string;
  cpuMs(): Promise<number>;
  stop(): void;
}

export async function benchProxy(): Promise<void> {
  const mailbox = await serve([MAILBOX_FLAG]);
  const upstream = `${mailbox.url}/EWS/Exchange.asmx`;
  const started = await Promise.allSettled([serve([PROXY_FLAG, upstream]), serve([RELAY_FLAG, upstream])]);
  if (started.some((s) => s.status === 'rejected')) {
    for (const s of [...started, { status: 'fulfilled', value: mailbox } as const])
      if (s.status === 'fulfilled') s.value.stop();
    throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const [proxy, relay] = started.map((s) => (s as PromiseFulfilledResult<Server>).value) as [Server, Server];
  try {
    const signIn = await fetch(`${proxy.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'demo@tern.test', password: 'demo' }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in through the proxy failed: HTTP ${signIn.status}`);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const direct: Send = (soap) =>
      post(`${mailbox.url}/EWS/Exchange.asmx`, soap, {
        authorization: `Basic ${Buffer.from('demo@tern.test:demo').toString('base64')}`,
      });
    const proxied: Send = (soap) =>
      post(`${proxy.url}/ews`, soap, { cookie, 'x-tern-client': '1', 'sec-fetch-site': 'same-origin' });
    // The same requests through a relay that does nothing but forward: the floor for any Node proxy here.
    const relayed: Send = (soap) => post(`${relay.url}/`, soap, {});
    const measure = (run: () => Promise<Omit<Figures, 'proxyCpuMs' | 'mailboxCpuMs'>>, middle = proxy) =>
      measured(run, middle, mailbox);

    for (const send of [direct, proxied, relayed]) await workload(send);
    // Alternating, so that whatever else the machine does falls on every path alike.
    const runs = {
      d: [] as Figures[],
      p: [] as Figures[],
      r: [] as Figures[],
      pd: [] as Figures[],
      pp: [] as Figures[],
    };
    for (let i = 0; i < ROUNDS; i++) {
      runs.d.push(await measure(() => workload(direct)));
      runs.p.push(await measure(() => workload(proxied)));
      runs.r.push(await measure(() => workload(relayed), relay));
    }
    for (let i = 0; i < PARALLEL_ROUNDS; i++) {
      runs.pd.push(await measure(() => inParallel(direct)));
      runs.pp.push(await measure(() => inParallel(proxied)));
    }
    const [d, p, r, pd, pp] = [runs.d, runs.p, runs.r, runs.pd, runs.pp].map(median) as [
      Figures,
      Figures,
      Figures,
      Figures,
      Figures,
    ];

    const row = (name: string, f: Figures) =>
      [
        name.padEnd(34),
        String(f.requests).padStart(8),
        (f.bytes / 1e6).toFixed(1).padStart(6),
        f.ms.toFixed(0).padStart(8),
        f.cpuMs.toFixed(0).padStart(10),
        f.proxyCpuMs.toFixed(0).padStart(9),
        f.mailboxCpuMs.toFixed(0).padStart(11),
        ((f.requests * 1000) / f.ms).toFixed(0).padStart(7),
      ].join(' ');
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(
      `\nProxy overhead (${SEED_MESSAGES} messages; median of ${ROUNDS} rounds, ${PARALLEL_ROUNDS} with ${CLIENTS} clients; loopback)\n`,
    );
    console.log(
      [
        'path'.padEnd(34),
        'requests'.padStart(8),
        'MB'.padStart(6),
        'wall ms'.padStart(8),
        'client CPU'.padStart(10),
        'proxy CPU'.padStart(9),
        'mailbox CPU'.padStart(11),
        'req/s'.padStart(7),
      ].join(' '),
    );
    console.log(row('mailbox directly (/EWS)', d));
    console.log(row('through the proxy (/ews → /EWS)', p));
    console.log(row('through a bare relay (floor)', r));
    console.log(row(`${CLIENTS} clients, directly`, pd));
    console.log(row(`${CLIENTS} clients, through the proxy`, pp));
    console.log(
      `\nratio proxy/direct (goal < 1.2×): ${ratio(p.ms, d.ms)} sequential, ${ratio(pp.ms, pd.ms)} with ${CLIENTS} clients`,
    );
    console.log(`ratio bare relay/direct (one more HTTP hop, no work): ${ratio(r.ms, d.ms)} sequential`);
    const perRequest = (f: Figures) => (f.proxyCpuMs / f.requests).toFixed(2);
    console.log(
      `CPU per request: the proxy ${perRequest(p)} ms sequential, ${perRequest(pp)} ms with ${CLIENTS} clients; the bare relay ${perRequest(r)} ms`,
    );
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
  } finally {
    for (const s of [proxy, relay, mailbox]) s.stop();
  }
}

const MAILBOX_FLAG = '--serve-mailbox';
const PROXY_FLAG = '--serve-proxy';
const RELAY_FLAG = '--serve-relay';

/** Starts this file as a child serving HTTP (see `serveChild`) and waits for its URL. */
async function serve(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`${args[0]} exited with ${code}`))),
  ])) as [Buffer];
  return {
    url: line.toString().trim(),
    cpuMs: async () => {
      child.send('cpu');
      const [ms] = (await once(child, 'message')) as [number];
      return ms;
    },
    // Disconnecting lets the child exit on its own (and write its profile under --cpu-prof).
    stop: () => child.connected && child.disconnect(),
  };
}

async function measured(
  run: () => Promise<Omit<Figures, 'proxyCpuMs' | 'mailboxCpuMs'>>,
  proxy: Server,
  mailbox: Server,
): Promise<Figures> {
  const [p0, m0] = [await proxy.cpuMs(), await mailbox.cpuMs()];
  const f = await run();
  const [p1, m1] = [await proxy.cpuMs(), await mailbox.cpuMs()];
  return { ...f, proxyCpuMs: p1 - p0, mailboxCpuMs: m1 - m0 };
}

/** A child: the mailbox, or a proxy-mode Tern in front of `upstream`; prints its URL, reports its CPU time when asked. */
async function serveChild(proxyTo?: string): Promise<void> {
  const app = proxyTo
    ? createApp({
        upstream: proxyTo,
        sessionSecret: 'b'.repeat(32),
        // The budget is still spent on every request; only its refusals would change what is measured.
        proxyBudget: { burst: 1e9, rechargePerSecond: 1e9, sendBurst: 1e9, sendRechargePerSecond: 1e9 },
      })
    : createApp({
        // Throttling is the mailbox's business, not what this measures: give it room.
        mailbox: openMailbox({
          dataDir: ':memory:',
          seedMessages: SEED_MESSAGES,
          throttle: { burst: 1e9, rechargePerSecond: 1e9, concurrentSyncCalls: 1000 },
        }),
      });
  announce((await listen(app, { port: 0, host: '127.0.0.1' })).url);
}

/**
 * A child: the least a Node HTTP proxy does. It reads the request, POSTs it upstream over a
 * keep-alive agent as the demo user and sends the answer back; no session, no checks, no framework.
 */
async function serveRelay(upstream: string): Promise<void> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, noDelay: true });
  const authorization = `Basic ${Buffer.from('demo@tern.test:demo').toString('base64')}`;
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const headers = { 'content-type': 'text/xml; charset=utf-8', authorization, 'content-length': body.length };
      const up = request({
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers,
      });
      up.on('response', (answer) => {
        const back: Buffer[] = [];
        answer.on('data', (c: Buffer) => back.push(c));
        answer.on('end', () =>
          res
            .writeHead(answer.statusCode!, { 'content-type': answer.headers['content-type']! })
            .end(Buffer.concat(back)),
        );
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

/** Tells the parent where this child listens, and answers its requests for our CPU time. */
function announce(url: string): void {
  process.on('message', () => process.send!(cpuSince({ user: 0, system: 0 })));
  process.on('disconnect', () => process.exit(0));
  process.stdout.write(`${url}\n`);
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
async function workload(send: Send): Promise<Omit<Figures, 'proxyCpuMs' | 'mailboxCpuMs'>> {
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

async function inParallel(send: Send): Promise<Omit<Figures, 'proxyCpuMs' | 'mailboxCpuMs'>> {
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
  const at = process.argv.indexOf(PROXY_FLAG);
  const relayAt = process.argv.indexOf(RELAY_FLAG);
  if (at >= 0) await serveChild(process.argv[at + 1]);
  else if (relayAt >= 0) await serveRelay(process.argv[relayAt + 1]!);
  else if (process.argv.includes(MAILBOX_FLAG)) await serveChild();
  else await benchProxy();
}
