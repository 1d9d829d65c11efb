/**
 * The embedded mailbox at scale: seeding 100,000 messages, the initial IdOnly sync of the Inbox in
 * pages of 512 (pages a second), the latency of mixed sync calls from 20 clients at once, all
 * through `handle()` in process, and a search of every message's text as the search field's Enter
 * asks it (`POST /api/search`, in process). Prints a table; asserts nothing.
 *
 * The 20 clients are the demo user's devices, so Exchange Online's throttling (5 concurrent sync
 * calls, a request budget) is opened wide here: this measures the mailbox, not its limits.
 *
 *   npx tsx test/bench/mailbox.ts [messages]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  GetItem,
  SyncFolderHierarchy,
  SyncFolderItems,
  decodeResponse,
  encodeRequest,
  type FolderId,
  type ItemId,
  type Operation,
  type Response,
} from '../../src/ews/index.js';
import { createApp } from '../../src/server/app.js';
import { openMailbox } from '../../src/server/mailbox/index.js';
import { MAIL_SEARCH_PATH } from '../../src/server/mail-search.js';
import { ORIGIN, signInCookie } from '../../src/server/testing/http.js';
import type { Mailbox } from '../../src/server/mailbox/mailbox.js';

const USER = 'demo@tern.test';
const CLIENTS = 20;
const CALLS_PER_CLIENT = 60;

async function call<Req, Msg>(mailbox: Mailbox, op: Operation<Req, Msg>, req: Req): Promise<Response<Msg>> {
  const answer = await mailbox.handle(USER, encodeRequest(op, req));
  const m = decodeResponse(op, answer.body).messages[0]!;
  if (m.responseClass !== 'Success') throw new Error(`${op.name}: ${m.responseCode}`);
  return m;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function benchMailbox(messages = 100_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tern-bench-mailbox-'));
  const rows: [string, string][] = [];
  try {
    let t = performance.now();
    let cpu = process.cpuUsage();
    const mailbox = openMailbox({
      dataDir: dir,
      seedMessages: messages,
      throttle: { concurrentSyncCalls: CLIENTS, burst: 1e9, rechargePerSecond: 1e9 },
    });
    const used = process.cpuUsage(cpu);
    rows.push([
      `seed ${messages.toLocaleString('en')} messages`,
      `${((performance.now() - t) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`,
    ]);
    rows.push(['database size', `${(statSync(join(dir, 'mailbox.sqlite')).size / 1e6).toFixed(0)} MB`]);

    // Initial sync of the Inbox, IdOnly, 512 a page.
    const inbox = { distinguished: 'inbox' };
    let state: string | undefined;
    let pages = 0;
    let items = 0;
    const ids: ItemId[] = [];
    t = performance.now();
    cpu = process.cpuUsage();
    for (;;) {
      const m = await call(mailbox, SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: inbox,
        maxChangesReturned: 512,
        ...(state ? { syncState: state } : {}),
      });
      pages++;
      items += m.changes!.length;
      for (const c of m.changes!) if (c.type === 'Create' && ids.length < 5000) ids.push(c.item.itemId!);
      state = m.syncState!;
      if (m.includesLastItemInRange) break;
    }
    const seconds = (performance.now() - t) / 1000;
    const syncCpu = process.cpuUsage(cpu);
    rows.push([
      `initial Inbox sync (${items.toLocaleString('en')} items)`,
      `${pages} pages in ${seconds.toFixed(2)} s`,
    ]);
    rows.push([
      '  512-change pages a second',
      `${(pages / seconds).toFixed(1)} (${((syncCpu.user + syncCpu.system) / 1e3 / pages).toFixed(1)} ms CPU a page)`,
    ]);
    rows.push(['  items a second', `${Math.round(items / seconds).toLocaleString('en')}`]);

    // Mixed sync calls from 20 clients at once.
    const hierarchy = await call(mailbox, SyncFolderHierarchy, {
      folderShape: { baseShape: 'IdOnly' },
      syncFolderId: { distinguished: 'msgfolderroot' },
    });
    const folders: FolderId[] = hierarchy.changes!.flatMap((c) => (c.type === 'Create' ? [c.folder.folderId!] : []));
    const latencies: Record<string, number[]> = {
      'SyncFolderItems page of 512': [],
      'SyncFolderItems, no changes': [],
      SyncFolderHierarchy: [],
      'GetItem of 10': [],
    };
    const inboxDone = state;
    const client = async (n: number) => {
      let folderState: string | undefined;
      let folder = folders[n % folders.length]!;
      for (let i = 0; i < CALLS_PER_CLIENT; i++) {
        const kind = i % 4;
        const start = performance.now();
        if (kind === 0) {
          const m = await call(mailbox, SyncFolderItems, {
            itemShape: { baseShape: 'IdOnly' },
            syncFolderId: folder,
            maxChangesReturned: 512,
            ...(folderState ? { syncState: folderState } : {}),
          });
          folderState = m.includesLastItemInRange ? undefined : m.syncState;
          if (m.includesLastItemInRange) folder = folders[(n + i) % folders.length]!;
          latencies['SyncFolderItems page of 512']!.push(performance.now() - start);
        } else if (kind === 1) {
          await call(mailbox, SyncFolderItems, {
            itemShape: { baseShape: 'IdOnly' },
            syncFolderId: inbox,
            syncState: inboxDone,
            maxChangesReturned: 512,
          });
          latencies['SyncFolderItems, no changes']!.push(performance.now() - start);
        } else if (kind === 2) {
          await call(mailbox, SyncFolderHierarchy, {
            folderShape: { baseShape: 'IdOnly' },
            syncFolderId: { distinguished: 'msgfolderroot' },
            syncState: hierarchy.syncState!,
          });
          latencies['SyncFolderHierarchy']!.push(performance.now() - start);
        } else {
          const batch = Array.from({ length: 10 }, (_, k) => ids[(n * 97 + i * 10 + k) % ids.length]!);
          await mailbox.handle(USER, encodeRequest(GetItem, { itemShape: { baseShape: 'Default' }, itemIds: batch }));
          latencies['GetItem of 10']!.push(performance.now() - start);
        }
      }
    };
    t = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const all = Object.values(latencies)
      .flat()
      .sort((a, b) => a - b);
    rows.push([
      `${CLIENTS} clients × ${CALLS_PER_CLIENT} mixed calls`,
      `${((performance.now() - t) / 1000).toFixed(2)} s`,
    ]);
    rows.push(['  all calls p50 / p99', `${ms(quantile(all, 0.5))} / ${ms(quantile(all, 0.99))}`]);
    for (const [name, list] of Object.entries(latencies)) {
      list.sort((a, b) => a - b);
      rows.push([`  ${name} p50 / p99`, `${ms(quantile(list, 0.5))} / ${ms(quantile(list, 0.99))}`]);
    }

    // The text of every message searched, one word that is common, one that is rare, one that is nowhere.
    const app = createApp({ mailbox, log: () => {} });
    const cookie = await signInCookie(app);
    for (const query of ['turnaround', 'Lisbon', 'zebrafish', 'quick turnaround']) {
      t = performance.now();
      cpu = process.cpuUsage();
      const res = await app.request(`${ORIGIN}${MAIL_SEARCH_PATH}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ query }),
      });
      const found = (await res.json()) as { ids: string[]; complete: boolean };
      const used = process.cpuUsage(cpu);
      rows.push([
        `text search "${query}"`,
        `${ms(performance.now() - t)} (${ms((used.user + used.system) / 1e3)} CPU), ${found.ids.length} ids${found.complete ? '' : ', more'}`,
      ]);
    }
    mailbox.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nEmbedded mailbox (Node ${process.version})`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await benchMailbox(process.argv[2] ? Number(process.argv[2]) : undefined);
