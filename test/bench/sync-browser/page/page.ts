/**
 * The sync benchmark's page: the real engine (`createEngine`) with the real store (`openMailDB`)
 * and transport (`fetchTransport`), run in a Chromium page instead of the service worker so each
 * run can choose its settings (the worker always runs the defaults). It measures what the page
 * can see, including what each pass waited on (requests in flight, open transactions); the
 * driver (../../sync-browser.ts) counts requests and bytes at the server.
 */
import Dexie, { type TableSchema } from 'dexie';
import { openMailDB, type MailDB, type MessageRow } from '../../../../src/db/index.js';
import { createEngine, fetchTransport, type Engine, type RequestStats } from '../../../../src/sync/index.js';
import type { BenchPage, PassRun } from './bench-api.js';
import { busyClock } from './busy-time.js';
import { timedTransactions, timedTransport } from './timed.js';

let db: MailDB | undefined;
let engine: Engine | undefined;
let raws = 0;
const busy = busyClock();

const copy = (s: RequestStats): RequestStats => ({ ...s, byOperation: { ...s.byOperation } });

function since(before: RequestStats, after: RequestStats): RequestStats {
  const byOperation: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.byOperation))
    if (n - (before.byOperation[op] ?? 0)) byOperation[op] = n - (before.byOperation[op] ?? 0);
  return {
    requests: after.requests - before.requests,
    bytesSent: after.bytesSent - before.bytesSent,
    bytesReceived: after.bytesReceived - before.bytesReceived,
    byOperation,
  };
}

const bench: BenchPage = {
  async pass(reason, settings) {
    db ??= openMailDB().use(timedTransactions(busy));
    engine ??= createEngine({ db, transport: timedTransport(fetchTransport('/ews'), busy), settings });
    const before = copy(engine.stats);
    busy.reset();
    const t0 = performance.now();
    const report = await engine.runPass(reason);
    const ms = performance.now() - t0;
    const times = busy.read();
    const run: PassRun = {
      ms,
      messages: await db.messages.count(),
      folders: await db.folders.count(),
      stats: since(before, engine.stats),
      busy: times,
    };
    if (!report.ran) run.error = 'the pass did not run';
    else if (report.error) run.error = JSON.stringify(report.error);
    return run;
  },

  async rawBulkPut(chunk, withoutIndexes = []) {
    if (!db) throw new Error('Run a sync first: the raw write uses the rows it stored.');
    // Folder by folder, newest first: the order the sync's pages arrive in.
    const rows: MessageRow[] = await db.messages.orderBy('[folderId+receivedAt]').reverse().toArray();
    const name = `bench-raw-${++raws}`;
    const raw: MessagesOnly = withoutIndexes.length
      ? messagesWithout(name, db.messages.schema, withoutIndexes)
      : openMailDB(name);
    await raw.open();
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += chunk)
      await raw.transaction('rw', raw.messages, () => raw.messages.bulkPut(rows.slice(i, i + chunk)));
    const ms = performance.now() - t0;
    raw.close();
    await Dexie.delete(name);
    return { rows: rows.length, ms };
  },
};

type MessagesOnly = Dexie & { messages: MailDB['messages'] };

/**
 * A database with only the app's messages table, minus some of its indexes, and the app's
 * durability ('strict', as openMailDB sets it): what those indexes cost the store.
 */
function messagesWithout(name: string, schema: TableSchema, drop: string[]): MessagesOnly {
  const d = new Dexie(name, { chromeTransactionDurability: 'strict' }) as MessagesOnly;
  const kept = [schema.primKey, ...schema.indexes.filter((i) => !drop.includes(i.name))];
  d.version(1).stores({ messages: kept.map((i) => i.src).join(', ') });
  return d;
}

window.bench = bench;
document.body.dataset['ready'] = '1';
