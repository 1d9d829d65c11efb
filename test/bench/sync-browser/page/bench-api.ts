import type { RequestStats, SyncSettings } from '../../../../src/sync/index.js';
import type { BusyTimes } from './busy-time.js';

/** One `runPass` of the engine in the bench page, as the page measured it. */
export interface PassRun {
  /** Wall time of the pass in the page (ms). */
  ms: number;
  /** Rows in the messages table after the pass. */
  messages: number;
  folders: number;
  /** The engine's own request count, with its bytes (string lengths) and operations, this pass only. */
  stats: RequestStats;
  /** What the pass waited on: requests in flight, open transactions, and how much they overlapped. */
  busy: BusyTimes;
  /** The pass's error sentence, when it failed. */
  error?: string;
}

/** What the bench page offers the driver (`window.bench`); the driver calls it with `page.evaluate`. */
export interface BenchPage {
  /**
   * One pass of the real engine over `fetchTransport('/ews')` into the app's database. The first
   * call creates the engine with `settings`; later calls reuse it (a poll after the first sync).
   */
  pass(reason: 'startup' | 'poll', settings: Partial<SyncSettings>): Promise<PassRun>;
  /**
   * The rows the sync wrote, in the order it wrote them, put into a fresh database of the same
   * schema with Dexie's `bulkPut`, `chunk` rows a transaction. Only the writes are timed.
   * `withoutIndexes`: leave these indexes of the messages table out (their cost).
   */
  rawBulkPut(chunk: number, withoutIndexes?: string[]): Promise<{ rows: number; ms: number }>;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}
