/**
 * How fast the EWS codec reads the two pages a sync spends its time on: a 512-change IdOnly
 * SyncFolderItems page and a 10-message GetItem page with 20 KB HTML bodies. For the same bytes, in
 * the same run, it times Tern's `decodeResponse`; saxes alone with Tern's options, with and without
 * empty handlers (the faster of the two is the floor: no reader built on saxes can beat it); and
 * the same two calls made with ews-javascript-api, whose XHR layer is replaced by one that answers
 * with those bytes. Prints medians; asserts nothing.
 *
 * Each reader runs in its own worker thread, so one reader's JIT state (saxes is shared) cannot
 * slow another, and the readers take turns in short rounds, so load from other processes falls on
 * all of them alike.
 *
 *   npx tsx test/bench/codec.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SaxesParser } from 'saxes';
import {
  ConfigurationApi,
  ExchangeService,
  ExchangeVersion,
  FolderId,
  ItemId as EwsItemId,
  PropertySet,
  SyncFolderItemsScope,
  Uri,
  WebCredentials,
  WellKnownFolderName,
  type IXHRApi,
} from 'ews-javascript-api';
import {
  GetItem,
  GetItemServer,
  SyncFolderItems,
  SyncFolderItemsServer,
  decodeResponse,
  encodeResponse,
  type Item,
  type ItemChange,
} from '../../src/ews/index.js';

// V8 does not optimise a reader the same way in every thread: one fresh thread reads a page up to
// twice as fast as another, and stays so. Each reader therefore gets DRAWS fresh workers, and the
// figures are medians over them.
const DRAWS = 5;
const WARMUP_MS = 1000;
const ROUNDS = 11;
const ROUND_MS = 60;

const READERS = {
  saxes: 'saxes, no handlers',
  saxesText: 'saxes, empty handlers',
  tern: 'Tern decodeResponse',
  ewsjs: 'ews-javascript-api',
} as const;
type Reader = keyof typeof READERS;

/** One page as the three readers read it. */
export interface Page {
  name: string;
  xml: string;
  tern(): unknown;
  ewsjs(): Promise<unknown>;
  /** How many changes or items a reader must find: the readers are compared only if they all do. */
  count: number;
}

export async function benchCodec(): Promise<void> {
  const load = loadavg()[0]!.toFixed(1);
  console.log(`EWS codec, Node ${process.version}, ${cpus().length} CPUs, load average ${load}`);
  console.log(
    `Each reader in ${DRAWS} fresh workers in turn, ${ROUNDS} interleaved rounds each; CPU time per read, median over the workers\n`,
  );
  for (const [index, page] of pages().entries()) {
    await checkReaders(page);
    const draws: Record<'cpu' | 'wall', Record<Reader, number>>[] = [];
    for (let d = 0; d < DRAWS; d++) draws.push(await measure(index));
    const over = (pick: (d: (typeof draws)[number]) => Record<Reader, number>) =>
      Object.fromEntries(
        (Object.keys(READERS) as Reader[]).map((r) => [r, median(draws.map((d) => pick(d)[r]))]),
      ) as Record<Reader, number>;
    const [ms, wall] = [over((d) => d.cpu), over((d) => d.wall)];
    const kb = Buffer.byteLength(page.xml) / 1000;
    const mbps = (r: Reader) => kb / 1000 / (ms[r] / 1000);
    console.log(`${page.name} (${kb.toFixed(0)} KB)`);
    const head = ['CPU ms', 'MB/s', 'wall ms'].map((h) => h.padStart(9)).join('');
    console.log(`  ${'reader'.padEnd(30)}${head}  CPU ms per worker, fastest–slowest`);
    for (const r of Object.keys(READERS) as Reader[]) {
      const each = draws.map((d) => d.cpu[r]);
      const range = `${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}`;
      const cells = [ms[r].toFixed(2), mbps(r).toFixed(1), wall[r].toFixed(2), `  ${range}`].map((c) => c.padStart(9));
      console.log(`  ${READERS[r].padEnd(30)}${cells.join('')}`);
    }
    const floor = Math.max(mbps('saxes'), mbps('saxesText'));
    console.log(`  Tern / saxes floor: ${((mbps('tern') / floor) * 100).toFixed(0)}% (goal ≥ 70%)`);
    console.log(`  Tern vs ews-javascript-api: ${(ms.ewsjs / ms.tern).toFixed(1)}× faster (goal ≥ 10×)\n`);
  }
}

interface Round {
  /** Wall-clock time of each read. */
  wall: number[];
  /** CPU time of the whole process over the round, divided by the reads. */
  cpu: number;
}

// Warms each reader's worker, then runs them in turn, a round of ROUND_MS each. Only one worker
// works at a time, so the process's CPU time over a round is that reader's, and, unlike wall time,
// it does not grow when other processes take the CPU away (this machine is often shared).
async function measure(page: number): Promise<Record<'cpu' | 'wall', Record<Reader, number>>> {
  const readers = Object.keys(READERS) as Reader[];
  const workers = readers.map((reader) => new ReaderWorker(page, reader));
  try {
    for (const w of workers) await w.run(WARMUP_MS);
    const cpu = readers.map(() => [] as number[]);
    const wall = readers.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, w] of workers.entries()) {
        const r = await w.run(ROUND_MS);
        cpu[i]!.push(r.cpu);
        wall[i]!.push(...r.wall);
      }
    const by = (xs: number[][]) =>
      Object.fromEntries(readers.map((r, i) => [r, median(xs[i]!)])) as Record<Reader, number>;
    return { cpu: by(cpu), wall: by(wall) };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

class ReaderWorker {
  private readonly worker: Worker;
  private pending?: { resolve(round: Round): void; reject(e: unknown): void };

  constructor(page: number, reader: Reader) {
    // The worker loads this file through tsx, which Node does not pass on to workers by itself.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
      tsx.register();
      return import(${JSON.stringify(import.meta.url)});
    });`;
    this.worker = new Worker(boot, { eval: true, workerData: { codecBench: { page, reader } } });
    this.worker.on('message', (round: Round) => this.pending?.resolve(round));
    this.worker.on('error', (e) => this.pending?.reject(e));
  }

  /** Reads the page for about `ms` milliseconds. */
  run(ms: number): Promise<Round> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(ms);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

// The worker side: read the page when asked, for as long as asked.
async function serve(page: Page, reader: Reader): Promise<void> {
  const read = {
    saxes: () => saxesOnly(page.xml),
    saxesText: () => saxesOnly(page.xml, true),
    tern: () => page.tern(),
    ewsjs: () => page.ewsjs(),
  }[reader];
  parentPort!.on('message', async (ms: number) => {
    const wall: number[] = [];
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let t = start, now = start; now - start < ms; t = now) {
      await read();
      now = performance.now();
      wall.push(now - t);
    }
    const used = process.cpuUsage(cpu);
    parentPort!.postMessage({ wall, cpu: (used.user + used.system) / 1000 / wall.length } satisfies Round);
  });
}

// With no text handler saxes does not even assemble text, which any reader has to; yet on pages of
// small elements saxes is slower without handlers than with them. Both rows are shown, and the
// faster one is the floor.
function saxesOnly(xml: string, handlers = false): void {
  const parser = new SaxesParser({ xmlns: true, position: false, forceXMLVersion: true, defaultXMLVersion: '1.0' });
  if (handlers) for (const event of ['opentag', 'closetag', 'text'] as const) parser.on(event, () => {});
  parser.write(xml).close();
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Both clients must have read the whole page, or the comparison means nothing.
async function checkReaders(page: Page): Promise<void> {
  const answer = (await page.ewsjs()) as { Count?: number; Responses?: { Item?: unknown }[] };
  const ewsjs = answer.Count ?? answer.Responses?.filter((r) => r.Item).length;
  const tern = page.tern() as { messages: { changes?: unknown[]; items?: unknown[] }[] };
  const ternCount = tern.messages.reduce((n, m) => n + (m.changes?.length ?? m.items?.length ?? 0), 0);
  if (ewsjs !== page.count || ternCount !== page.count)
    throw new Error(`${page.name}: expected ${page.count}, ews-javascript-api read ${ewsjs}, Tern ${ternCount}`);
}

// ---------------------------------------------------------------------------------------------
// The pages, written by Tern's encoder in Exchange's form, with ids as long as Exchange Online's.

/** The benchmark's two pages, built the same way in every thread. */
export function pages(): Page[] {
  return [syncPage(), getItemPage()];
}

const ID = (n: number) =>
  `AAMkADQwYjI2NmQzLWRjOGItNDcyMC1iMWE2LWZiMWQxZTk0NDA5YwBGAAAAAAD7THPLlZw5QIg6OXUk7V98BwBW56ZK5wEvSplui1kQQWjKAAAAAAEMAABW56ZK5wEvSplui1kQQWjKAAAA${String(n).padStart(6, '0')}AAA=`;
const CHANGE_KEY = (n: number) => `CQAAABYAAABW56ZK5wEvSplui1kQQWjKAAAA${String(n).padStart(6, '0')}`;

function syncPage(): Page {
  // An initial sync of a busy Inbox: mostly creates, some of every other kind.
  const changes = Array.from({ length: 512 }, (_, n): ItemChange => {
    if (n % 20 === 19) return { type: 'Delete', itemId: { id: ID(n) } };
    if (n % 10 === 9) return { type: 'ReadFlagChange', itemId: { id: ID(n) }, isRead: n % 3 === 0 };
    return {
      type: n % 7 === 6 ? 'Update' : 'Create',
      item: { kind: 'Message', itemId: { id: ID(n), changeKey: CHANGE_KEY(n) } },
    };
  });
  const xml = encodeResponse(SyncFolderItemsServer, [
    {
      responseClass: 'Success',
      responseCode: 'NoError',
      syncState: 'H4sIAAAAAAAEAO29B2AcSZYlJi9tynt/SvVKF1rJyJvOghMI'.repeat(8),
      includesLastItemInRange: false,
      changes,
    },
  ]);
  const service = ewsService(xml);
  return {
    name: 'SyncFolderItems, 512 changes, IdOnly',
    xml,
    count: 512,
    tern: () => decodeResponse(SyncFolderItems, xml),
    ewsjs: () =>
      service.SyncFolderItems(
        new FolderId(WellKnownFolderName.Inbox),
        PropertySet.IdOnly,
        [],
        512,
        SyncFolderItemsScope.NormalItems,
        'H4sIAAAAAAAEAO29B2AcSZY',
      ),
  };
}

function getItemPage(): Page {
  const items = Array.from({ length: 10 }, (_, n) => message(n));
  const xml = encodeResponse(
    GetItemServer,
    items.map((item) => ({ responseClass: 'Success' as const, responseCode: 'NoError', items: [item] })),
  );
  const service = ewsService(xml);
  const ids = items.map((i) => new EwsItemId(i.itemId!.id));
  return {
    name: 'GetItem, 10 messages, 20 KB HTML bodies',
    xml,
    count: 10,
    tern: () => decodeResponse(GetItem, xml),
    ewsjs: () => service.BindToItems(ids, PropertySet.FirstClassProperties),
  };
}

function message(n: number): Item {
  const who = (name: string) => ({
    name,
    emailAddress: `${name.toLowerCase()}@contoso.com`,
    routingType: 'SMTP',
    mailboxType: 'Mailbox',
  });
  return {
    kind: 'Message',
    itemId: { id: ID(n), changeKey: CHANGE_KEY(n) },
    parentFolderId: { id: ID(999_999), changeKey: 'AQAAAA==' },
    itemClass: 'IPM.Note',
    subject: `Re: Quarterly numbers, part ${n}`,
    sensitivity: 'Normal',
    body: { bodyType: 'HTML', value: html(20_000, n), isTruncated: false },
    dateTimeReceived: '2024-05-01T09:30:00Z',
    size: 48_213 + n,
    importance: 'Normal',
    inReplyTo: `<CY1PR02MB17${n}@CY1PR02MB1754.namprd02.prod.outlook.com>`,
    isSubmitted: false,
    isDraft: false,
    isFromMe: false,
    dateTimeSent: '2024-05-01T09:29:58Z',
    dateTimeCreated: '2024-05-01T09:30:00Z',
    displayCc: 'Alan Turing',
    displayTo: 'Grace Hopper; Ada Lovelace',
    hasAttachments: false,
    lastModifiedTime: '2024-05-01T09:30:01Z',
    conversationId: { id: `AAQkADQwYjI2NmQzLWRjOGItNDcyMC1iMWE2LWZiMWQxZTk0NDA5YwAQAC1lR0GC${n}=` },
    flag: { flagStatus: 'NotFlagged' },
    sender: who('Ada'),
    toRecipients: [who('Grace'), who('Ada')],
    ccRecipients: [who('Alan')],
    isReadReceiptRequested: false,
    isDeliveryReceiptRequested: false,
    conversationIndex: 'AQHRckokLWVHQYLUAEO9cD91p24nS59B5YrL',
    conversationTopic: 'Quarterly numbers',
    from: who('Ada'),
    internetMessageId: `<CY1PR02MB1754AF${n}@CY1PR02MB1754.namprd02.prod.outlook.com>`,
    isRead: n % 2 === 0,
    references: `<CY1PR02MB17${n}@CY1PR02MB1754.namprd02.prod.outlook.com>`,
  };
}

// Outlook-style HTML with CRLF line ends, which the writer sends as `&#xD;` + LF, as Exchange does.
function html(size: number, n: number): string {
  const head =
    '<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body dir="ltr">\r\n';
  const line = `<div style="font-family: Calibri, Arial, sans-serif; font-size: 11pt">Line ${n}: the figures &amp; the "notes" are attached.</div>\r\n`;
  let body = head;
  while (body.length < size - 20) body += line;
  return `${body}</body>\r\n</html>\r\n`;
}

// ews-javascript-api with an XHR layer that answers every request with `xml`, the way its own
// tests replace the network (ConfigurationApi.ConfigureXHR with an IXHRApi).
function ewsService(xml: string): ExchangeService {
  const answer = {
    status: 200,
    responseText: xml,
    response: xml,
    getAllResponseHeaders: () => 'content-type: text/xml; charset=utf-8',
    getResponseHeader: (name: string) => (name.toLowerCase() === 'content-type' ? 'text/xml; charset=utf-8' : null),
  } as unknown as XMLHttpRequest;
  const xhr: IXHRApi = {
    apiName: 'bench',
    xhr: async () => answer,
    xhrStream: async () => answer,
    disconnect: () => {},
  };
  ConfigurationApi.ConfigureXHR(xhr);
  const service = new ExchangeService(ExchangeVersion.Exchange2013_SP1);
  service.Url = new Uri('https://bench.invalid/EWS/Exchange.asmx');
  service.Credentials = new WebCredentials('bench', 'bench');
  service.XHRApi = xhr;
  return service;
}

const job = (isMainThread ? undefined : workerData) as { codecBench?: { page: number; reader: Reader } } | undefined;
if (job?.codecBench) {
  await serve(pages()[job.codecBench.page]!, job.codecBench.reader);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCodec();
}
