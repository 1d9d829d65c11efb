/**
 * The sync engine in real Chromium against the Tern server over loopback. Prints, for a
 * 10,000-message mailbox: the initial sync's time, messages per second, requests and bytes (counted
 * at the server), with GetItem batches of 10 and 50 and with the summaries inline in
 * SyncFolderItems; the raw Dexie bulkPut rate of the same rows in the same browser, and the sync's
 * rate as a share of it; and the cost of a no-change poll on a 100-folder mailbox. Asserts nothing.
 *
 * The engine runs in a bench page (sync-browser/page/, bundled with Vite's JS API and served by the
 * Tern server as its app), not in the service worker: the worker always runs the default settings,
 * and each row here needs its own. Same engine, store, transport, cookie session and `/ews`
 * endpoint as the PWA. Each run gets a fresh copy of one seeded mailbox, a fresh Chromium profile,
 * and the server's request budget lifted (the throttle has its own tests).
 *
 *   npx tsx test/bench/sync-browser.ts     (also `npm run bench sync-browser`)
 *   SYNC_BENCH_MESSAGES=2000   a quick run
 *   SYNC_BENCH_RUNS=1          runs a mode (best one shown; default 2)
 *   SYNC_BENCH_PROFILE=<dir>   one more run a mode under V8's profiler: .cpuprofile files and the top functions
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { SyncSettings } from '../../src/sync/index.js';
import { launchBrowser } from '../e2e/pages/browser.js';
import type { PassRun } from './sync-browser/page/bench-api.js';
import { startBenchServer, type EwsCounters } from './sync-browser/bench-server.js';
import { buildBenchPage } from './sync-browser/build-page.js';
import { startProfile, type ProfileSummary } from './sync-browser/cpu-profile.js';
import { chromiumCpu, cpuSince, type CpuByType } from './sync-browser/process-cpu.js';
import { PASSWORD, seedMailbox, USER, type SeededMailbox } from './sync-browser/seed-data.js';

/** Rows a transaction in the raw write: the sync's page size (maxChangesReturned). */
const RAW_CHUNK = 512;
const POLL_FOLDERS = 100;

const MODES: [string, Partial<SyncSettings>][] = [
  ['GetItem batch 10', { getItemBatch: 10 }],
  ['GetItem batch 50', { getItemBatch: 50 }],
  ['summary inline', { summaryInline: true }],
];

interface SyncRun {
  pass: PassRun;
  server: EwsCounters;
  /** CPU seconds: the Node process (the server) and Chromium's processes by type. */
  serverCpu: number;
  chromium: CpuByType;
  /** The same rows written with bulkPut in the same page afterwards (rows/s)… */
  raw: number;
  /** …and into a messages table without the search-terms index. */
  rawNoTerms: number;
  profile?: ProfileSummary;
}

/** Signs in through the server's own form, which returns to `/`: the bench page. */
async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/signin`);
  await page.locator('input[autocomplete="username"]').fill(USER);
  await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.body?.dataset['ready'] === '1');
}

const diff = (a: EwsCounters, b: EwsCounters): EwsCounters => ({
  requests: b.requests - a.requests,
  bytesIn: b.bytesIn - a.bytesIn,
  bytesOut: b.bytesOut - a.bytesOut,
  serverMs: b.serverMs - a.serverMs,
});

async function initialSync(
  seed: SeededMailbox,
  pageDir: string,
  settings: Partial<SyncSettings>,
  profileTo?: string,
): Promise<SyncRun> {
  const server = await startBenchServer(seed.copy(), pageDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await signIn(page, server.url);
    const stop = profileTo ? await startProfile(await browser.context.newCDPSession(page)) : undefined;
    const counters0 = server.counters();
    const chromium0 = chromiumCpu();
    const node0 = process.cpuUsage();
    // Bodies are a later phase (prefetch), left out so the rows compare with the raw write.
    const pass = await page.evaluate((s) => window.bench.pass('startup', s), { prefetchBodies: false, ...settings });
    const node = process.cpuUsage(node0);
    const chromium = cpuSince(chromium0, chromiumCpu());
    const server1 = diff(counters0, server.counters());
    let profile: ProfileSummary | undefined;
    if (stop) {
      const { raw, summary } = await stop();
      writeFileSync(profileTo!, JSON.stringify(raw));
      profile = summary;
    }
    if (pass.error) throw new Error(`The sync failed: ${pass.error}`);
    const raw = await page.evaluate((chunk) => window.bench.rawBulkPut(chunk), RAW_CHUNK);
    const noTerms = await page.evaluate((chunk) => window.bench.rawBulkPut(chunk, ['terms']), RAW_CHUNK);
    return {
      pass,
      server: server1,
      serverCpu: (node.user + node.system) / 1e6,
      chromium,
      raw: rate(raw.rows, raw.ms),
      rawNoTerms: rate(noTerms.rows, noTerms.ms),
      ...(profile ? { profile } : {}),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function noChangePoll(pageDir: string) {
  const seed = await seedMailbox(2000, POLL_FOLDERS);
  const server = await startBenchServer(seed.copy(), pageDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await signIn(page, server.url);
    // The defaults, as the worker runs them: bodies are prefetched, then a poll lets counts settle.
    for (const reason of ['startup', 'poll'] as const) {
      const run = await page.evaluate((r) => window.bench.pass(r, {}), reason);
      if (run.error) throw new Error(`The ${reason} pass failed: ${run.error}`);
    }
    const before = server.counters();
    const pass = await page.evaluate(() => window.bench.pass('poll', {}));
    if (pass.error) throw new Error(`The poll failed: ${pass.error}`);
    return { pass, server: diff(before, server.counters()) };
  } finally {
    await browser.close();
    await server.close();
    seed.remove();
  }
}

const kb = (n: number) => `${Math.round(n / 1024)} KB`;
const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const pad = (s: string | number, n: number) => String(s).padStart(n);

function cpuLine(run: SyncRun): string {
  const parts = Object.entries(run.chromium)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([type, s]) => `${type} ${s.toFixed(1)}`);
  return `server ${run.serverCpu.toFixed(1)}, ${parts.join(', ')}`;
}

function printProfile(label: string, file: string, p: ProfileSummary): void {
  console.log(`\n${label}: page main thread, ${(p.totalMs / 1000).toFixed(1)} s sampled (${file})`);
  const rows = Math.max(p.self.length, p.inclusive.length);
  console.log(`  ${'self ms'.padStart(7)}  ${'function'.padEnd(58)} ${'total ms'.padStart(8)}  function`);
  for (let i = 0; i < rows; i++) {
    const [sn, sm] = p.self[i] ?? ['', 0];
    const [tn, tm] = p.inclusive[i] ?? ['', 0];
    console.log(
      `  ${pad(Math.round(sm), 7)}  ${sn.slice(0, 58).padEnd(58)} ${pad(Math.round(tm), 8)}  ${tn.slice(0, 70)}`,
    );
  }
}

export async function benchSyncBrowser(): Promise<void> {
  const messages = Number(process.env['SYNC_BENCH_MESSAGES'] ?? 10_000);
  const runs = Math.max(1, Number(process.env['SYNC_BENCH_RUNS'] ?? 2));
  const profileDir = process.env['SYNC_BENCH_PROFILE'];
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const page = await buildBenchPage();
  const seed = await seedMailbox(messages);
  try {
    console.log(
      `Sync engine in headless Chromium (bench page, real IndexedDB) against the Tern server on loopback, ${messages} seeded messages`,
    );
    console.log(
      `Initial sync of every folder without bodies, best of ${runs}, each run in a fresh profile; requests and SOAP bytes ` +
        `counted at the server. "raw": the same rows with Dexie bulkPut, ${RAW_CHUNK} a transaction, in the same page ` +
        `right after the sync; "of raw" pairs the two. CPU s: the server (Node) and Chromium's processes.\n`,
    );
    console.log(
      `${'mode'.padEnd(17)} ${'time'.padStart(8)} ${'msg/s'.padStart(6)} ${'raw/s'.padStart(6)} ${'of raw'.padStart(6)} ` +
        `${'requests'.padStart(8)} ${'sent'.padStart(8)} ${'received'.padStart(9)}  CPU s`,
    );
    const results: { label: string; best: SyncRun; all: SyncRun[] }[] = [];
    for (const [label, settings] of MODES) {
      const all: SyncRun[] = [];
      for (let r = 0; r < runs; r++) all.push(await initialSync(seed, page.dir, settings));
      const best = all.reduce((a, b) => (b.pass.ms < a.pass.ms ? b : a));
      results.push({ label, best, all });
      const syncRate = rate(best.pass.messages, best.pass.ms);
      console.log(
        `${label.padEnd(17)} ${pad((best.pass.ms / 1000).toFixed(2), 6)} s ${pad(Math.round(syncRate), 6)} ` +
          `${pad(Math.round(best.raw), 6)} ${pad(Math.round((syncRate / best.raw) * 100), 5)}% ` +
          `${pad(best.server.requests, 8)} ${pad(kb(best.server.bytesIn), 8)} ${pad(kb(best.server.bytesOut), 9)}  ` +
          cpuLine(best),
      );
    }
    const all = results.flatMap((r) => r.all);
    const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} rows/s`;
    console.log(
      `\nraw Dexie bulkPut of the same ${all[0]!.pass.messages} rows over all ${all.length} runs: ${range(all.map((r) => r.raw))}; ` +
        `without the search-terms index (*terms): ${range(all.map((r) => r.rawNoTerms))}. Goal: the sync at ≥ 50% of raw.`,
    );
    for (const { label, best } of results) {
      const ops = Object.entries(best.pass.stats.byOperation)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
      const check =
        best.pass.stats.requests === best.server.requests ? '' : ` (the engine counted ${best.pass.stats.requests})`;
      console.log(`  ${label.padEnd(17)} ${best.pass.messages} messages, ${best.pass.folders} folders: ${ops}${check}`);
    }
    console.log(
      '\nWhere the wall time went (s), measured in the page as unions of intervals, so they overlap: requests in flight, ' +
        'readwrite and readonly transactions open, requests while a write was open, none of these; and the server busy.',
    );
    for (const { label, best } of results) {
      const b = best.pass.busy;
      const s = (ms: number) => pad((ms / 1000).toFixed(1), 5);
      console.log(
        `  ${label.padEnd(17)} network ${s(b.network)}  write ${s(b.write)}  read ${s(b.read)}  ` +
          `network during write ${s(b.networkDuringWrite)}  neither ${s(b.neither)}  server ${s(best.server.serverMs)}`,
      );
    }

    if (profileDir)
      for (const [label, settings] of MODES) {
        const file = join(profileDir, `sync-${label.replace(/\W+/g, '-').toLowerCase()}.cpuprofile`);
        const run = await initialSync(seed, page.dir, settings, file);
        printProfile(`${label} (profiled run, ${(run.pass.ms / 1000).toFixed(2)} s)`, file, run.profile!);
      }

    const poll = await noChangePoll(page.dir);
    console.log(
      `\nno-change poll, ${poll.pass.folders} folders (${POLL_FOLDERS} added to the seed), default settings: ` +
        `${poll.server.requests} requests (goal ≤ 5), ${kb(poll.server.bytesIn + poll.server.bytesOut)} sent+received, ` +
        `${Math.round(poll.pass.ms)} ms (${Object.entries(poll.pass.stats.byOperation)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')})`,
    );
  } finally {
    seed.remove();
    page.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSyncBrowser();
