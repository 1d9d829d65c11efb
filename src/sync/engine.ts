import { META, pendingCount, type BodyRow, type MailDB } from '../db/index.js';
import { backoffDelay, readThrottle } from './backoff.js';
import { fetchBodies } from './bodies.js';
import { withRoom } from './evict-bodies.js';
import { createClient, type Outcome, type RequestStats } from './client.js';
import { systemClock, type Clock } from './clock.js';
import { deriveConnection } from './connection.js';
import type { Progress, SyncContext } from './context.js';
import { describeError } from './describe-error.js';
import { StoppedError, ThrottledError } from './errors.js';
import { Gate } from './gate.js';
import { isConnectionTrouble, runPassSteps, type PassSummary } from './pass.js';
import type { SyncErrorInfo, SyncEvent, SyncPhase, SyncReason, SyncStatus } from './protocol.js';
import { DEFAULT_SETTINGS, type SyncSettings } from './settings.js';
import { withSyncLock } from './single-flight.js';
import type { Transport } from './transport.js';

export interface EngineDeps {
  db: MailDB;
  transport: Transport;
  clock?: Clock;
  settings?: Partial<SyncSettings>;
  /** Where status goes: the worker posts it to every page; a page can render it directly. */
  emit?: (event: SyncEvent) => void;
  /** Jitter source (tests pin it). */
  random?: () => number;
}

/** What a call of `runPass` did. */
export interface PassReport {
  /** False when no pass ran: paused, offline, backing off, or another context holds the lock. */
  ran: boolean;
  summary?: PassSummary;
  error?: SyncErrorInfo;
}

export interface Engine {
  /** One pass; joins the pass in flight (and runs once more after it when new work came in). */
  runPass(reason: SyncReason, options?: { folderId?: string }): Promise<PassReport>;
  /** Fetches one body now (the user opened the message); undefined when it cannot. */
  fetchBody(messageId: string): Promise<BodyRow | undefined>;
  status(): SyncStatus;
  /** Re-reads what other contexts may have changed (back-off, outbox) and publishes the status. */
  refreshStatus(): Promise<SyncStatus>;
  /** "Work offline": no request of any kind until resumed. */
  setPaused(paused: boolean): void;
  /** `navigator.onLine` as pages report it (the worker gets no online/offline events). */
  setOnline(online: boolean): void;
  /** Requests and bytes so far (benchmarks, tests). */
  readonly stats: RequestStats;
}

// Reasons that come from a person or the network returning: they try at once even while an
// unreachable server is being retried with back-off. Polls wait for the back-off.
const EAGER: ReadonlySet<SyncReason> = new Set(['startup', 'online', 'user', 'outbox', 'open-folder', 'focus']);

/**
 * The sync engine of one mailbox. Storage is the Dexie db, the network a `Transport`, time a
 * `Clock`: the same code runs in the service worker, in a page and in Node tests.
 *
 * Single flight: one pass at a time, shared by every caller in this context (an in-flight
 * promise) and across the worker and every tab (the `tern-sync` Web Lock where it exists).
 */
export function createEngine(deps: EngineDeps): Engine {
  const { db, transport } = deps;
  const clock = deps.clock ?? systemClock;
  const settings: SyncSettings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const emit = deps.emit ?? (() => {});

  let paused = false;
  let networkOnline = typeof navigator === 'undefined' ? true : navigator.onLine !== false;
  let lastOutcome: Outcome | undefined;
  let throttledUntil: number | undefined;
  let phase: SyncPhase = 'idle';
  let folderName: string | undefined;
  let done = 0;
  let total = 0;
  let lastError: SyncErrorInfo | undefined;
  let lastSynced: number | undefined;
  let pendingOutbox = 0;
  let unreachableAttempt = 0;
  let retryAt: number | undefined;
  let cancelTimer: (() => void) | undefined;
  let openFolderId: string | undefined;

  const stopped = (): StoppedError | undefined => {
    if (paused) return new StoppedError('paused');
    if (!networkOnline) return new StoppedError('offline');
    if (lastOutcome === 'auth') return new StoppedError('signin-needed');
    return undefined;
  };
  const gate = new Gate(db, clock, settings, stopped);
  const client = createClient({
    db,
    transport,
    clock,
    settings,
    gate,
    random: deps.random,
    onOutcome: (o) => {
      lastOutcome = o;
    },
  });

  const status = (): SyncStatus => {
    const s: SyncStatus = {
      connection: deriveConnection({ paused, networkOnline, lastOutcome, throttledUntil, now: clock.now() }),
      phase,
      done,
      total: Math.max(total, done),
      pendingOutbox,
    };
    if (folderName !== undefined) s.folder = folderName;
    if (throttledUntil !== undefined && throttledUntil > clock.now()) s.backOffUntil = throttledUntil;
    if (lastError) s.lastError = lastError;
    if (lastSynced !== undefined) s.lastSynced = lastSynced;
    return s;
  };
  const publish = () => emit({ type: 'sync-status', ...status() });

  const progress: Progress = {
    phase(p, folder) {
      phase = p;
      folderName = folder;
      publish();
    },
    expect(n) {
      total = Math.max(total, done + n);
    },
    done(n) {
      done += n;
      publish();
    },
  };
  const ctx: SyncContext = { db, call: client.call, clock, settings, progress };

  const readShared = async () => {
    throttledUntil = (await readThrottle(db))?.until;
    lastSynced = ((await db.meta.get(META.lastSynced))?.value as number | undefined) ?? lastSynced;
    pendingOutbox = await pendingCount(db);
  };

  /** Try again by itself after a back-off, where the runtime gives us timers. */
  const scheduleRetry = (at: number) => {
    cancelTimer?.();
    cancelTimer = clock.setTimer?.(
      () => {
        cancelTimer = undefined;
        void runPass('poll');
      },
      Math.max(0, at - clock.now()),
    );
  };

  const pass = async (reason: SyncReason, folderId: string | undefined): Promise<PassReport> => {
    await readShared();
    if (reason === 'user' || reason === 'startup') {
      // A person is back (maybe after signing in again): let one request find out.
      if (lastOutcome === 'auth') lastOutcome = undefined;
    }
    try {
      await gate.check(true);
    } catch (err) {
      if (err instanceof ThrottledError) scheduleRetry(err.until);
      publish();
      return { ran: false };
    }
    if (!EAGER.has(reason) && retryAt !== undefined && retryAt > clock.now()) return { ran: false };
    if (folderId) {
      openFolderId = folderId;
      await db.folders.update(folderId, { usedAt: clock.now() });
    }
    done = 0;
    total = 0;
    try {
      const summary = await runPassSteps(ctx, { openFolderId, all: reason === 'user' });
      lastSynced = clock.now();
      await db.meta.put({ key: META.lastSynced, value: lastSynced });
      lastError = summary.folderErrors.length ? describeError(summary.folderErrors[0]!.error, clock.now()) : undefined;
      unreachableAttempt = 0;
      retryAt = undefined;
      return { ran: true, summary, ...(lastError ? { error: lastError } : {}) };
    } catch (err) {
      if (err instanceof ThrottledError) {
        throttledUntil = err.until;
        scheduleRetry(err.until);
      } else if (isConnectionTrouble(err) && lastOutcome === 'unreachable') {
        retryAt = clock.now() + backoffDelay(unreachableAttempt++, settings, deps.random);
        scheduleRetry(retryAt);
      }
      lastError =
        err instanceof StoppedError && err.why === 'paused' ? lastError : describeError(err, clock.now(), retryAt);
      return { ran: true, error: lastError };
    } finally {
      phase = 'idle';
      folderName = undefined;
      await readShared().catch(() => {});
      publish();
    }
  };

  let inFlight: Promise<PassReport> | undefined;
  let again: { reason: SyncReason; folderId?: string } | undefined;

  function runPass(reason: SyncReason, options: { folderId?: string } = {}): Promise<PassReport> {
    // A poll or a focus asks for nothing new: it joins a pass under way, and runs only if no other
    // context holds the lock.
    const ifAvailable = reason === 'poll' || reason === 'focus';
    if (inFlight) {
      // Anything else (a new outbox entry, an opened folder) may have come after the pass read
      // what it needed, so one more pass follows.
      if (!ifAvailable) again = { reason, folderId: options.folderId ?? again?.folderId };
      return inFlight;
    }
    const run = async (): Promise<PassReport> => {
      let report = (await withSyncLock(() => pass(reason, options.folderId), ifAvailable)) ?? { ran: false };
      while (again) {
        const next = again;
        again = undefined;
        report = (await withSyncLock(() => pass(next.reason, next.folderId), false)) ?? report;
      }
      return report;
    };
    inFlight = run().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    runPass,
    async fetchBody(messageId) {
      try {
        const { stored, gone } = await withRoom(ctx, () => fetchBodies(ctx, [messageId]));
        const body = stored[0];
        // Not gone and not stored: the server answered without it.
        const error: SyncErrorInfo | undefined = body
          ? undefined
          : { kind: 'server', at: clock.now(), code: gone.length ? 'ErrorItemNotFound' : 'NoBody' };
        emit({ type: 'body-ready', messageId, ok: !!body, ...(error ? { error } : {}) });
        // Gone from the server: its folder's changes take the row away (counts and waiting intents
        // handled as for any deletion), now rather than at the next poll.
        const row = gone.length ? await db.messages.get(messageId) : undefined;
        if (row) void runPass('open-folder', { folderId: row.folderId });
        return body;
      } catch (err) {
        emit({ type: 'body-ready', messageId, ok: false, error: describeError(err, clock.now()) });
        return undefined;
      } finally {
        publish();
      }
    },
    status,
    async refreshStatus() {
      await readShared();
      publish();
      return status();
    },
    setPaused(p) {
      paused = p;
      publish();
    },
    setOnline(online) {
      networkOnline = online;
      if (online && lastOutcome === 'offline') lastOutcome = undefined;
      publish();
    },
    get stats() {
      return client.stats;
    },
  };
}
