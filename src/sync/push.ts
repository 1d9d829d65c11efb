import { CodecError, GetFolder, SoapFault } from '../ews/index.js';
import type { OutboxEntry } from '../db/index.js';
import { creatorOf, localRefs, parkEntry } from '../db/outbox-admin.js';
import { backoffDelay } from './backoff.js';
import type { Call } from './client.js';
import type { SyncContext } from './context.js';
import { StoppedError, ThrottledError } from './errors.js';
import { Blocked } from './outbox/blocked.js';
import { claim, release } from './outbox/claim.js';
import { EntryError, type Failure } from './outbox/entry-error.js';
import { batchable } from './outbox/group.js';
import { replayFolder } from './outbox/replay-folder.js';
import { replayMove } from './outbox/replay-move.js';
import { replaySaveDraft, replaySend } from './outbox/replay-send.js';
import { replayUpdate } from './outbox/replay-update.js';
import { replayCategories } from './outbox/replay-categories.js';
import { TransportError } from './transport.js';

export interface PushResult {
  /** Entries that reached the server (or ended because there was nothing left to do). */
  done: number;
  /** Entries that failed this time (parked, or to be tried again later). */
  failed: number;
}

// An entry the server answered with trouble this many times is parked: it holds nothing up,
// and the user decides.
export const MAX_ATTEMPTS = 5;
// Answers lost while the server was otherwise answering: the entry itself breaks the connection.
export const MAX_LOST = 4;

/**
 * Replays the outbox, oldest first, before anything is downloaded. One executor for all tabs:
 * this runs inside the engine's pass (single flight and the `tern-sync` Web Lock).
 *
 * - Adjacent entries that do the same thing (mark read, move to one folder) go as one multi-id
 *   request; an entry with many ids is one request anyway.
 * - An entry that fails, waits or backs off holds up only the later entries that touch the same
 *   messages or folders, so each message's intents still reach the server in the order they
 *   were made, and nothing else waits for it.
 * - Trouble with the connection (offline, 401, busy, no answer) stops the push and leaves the
 *   entry in line without counting an attempt; a request that may have reached the server marks
 *   the entry `tried`, so the next attempt looks before it repeats anything.
 * - The server's answer decides the rest: done; a message gone (the entry ends with a note);
 *   a failure that may pass (tried again later, then parked after MAX_ATTEMPTS); one that cannot
 *   (parked at once: its local effect is undone and the user sees why).
 */
export async function push(ctx: SyncContext): Promise<PushResult> {
  const { db, clock } = ctx;
  const result: PushResult = { done: 0, failed: 0 };
  const last = (await db.outbox.orderBy('seq').lastKey()) as number | undefined;
  if (last === undefined) return result;
  ctx.progress.phase('pushing');

  // Whether the server answered anything in this push: only then does a lost answer say
  // something about the entry rather than about the network.
  let answered = false;
  const call: Call = async (op, req) => {
    const messages = await ctx.call(op, req);
    answered = true;
    return messages;
  };
  const rctx: SyncContext = { ...ctx, call };
  const blocked = new Blocked();
  const goneFolders = new Set<string>();
  const visited = new Set<number>();

  for (;;) {
    // Read again each time: an earlier entry may have rewritten this one (a new id after a
    // move), or the user may have changed the outbox meanwhile. Entries recorded after the push
    // began wait for the next pass, which the engine runs when they arrive.
    const entries = (await db.outbox.orderBy('seq').toArray()).filter((e) => e.seq! <= last);
    const first = entries.find((e) => !visited.has(e.seq!) && e.state !== 'parked');
    if (!first) break;
    visited.add(first.seq!);
    const now = clock.now();
    if ((first.notBefore ?? 0) > now || blocked.hits(first) || deletesNeeded(first, blocked)) {
      blocked.add(first);
      continue;
    }
    if (localRefs(first).length) {
      blocked.add(first);
      await waitFor(ctx, first, entries);
      continue;
    }
    const stranded = strandedBy(first, entries);
    if (stranded) {
      blocked.add(first);
      await parkEntry(db, first.seq!, { code: 'holds-moved', count: stranded }, now);
      continue;
    }
    const group = [first];
    for (const next of entries.slice(entries.indexOf(first) + 1)) {
      if (visited.has(next.seq!) || !batchable(group, next, now) || blocked.hits(next)) break;
      group.push(next);
      visited.add(next.seq!);
    }

    const claimed = await claim(db, group);
    if (claimed.entries.length === 0) continue;
    if (!answered && claimed.entries.some((e) => (e.progress?.lost ?? 0) > 0)) await probe(rctx);

    let failures: Map<number, Failure>;
    let stop = false;
    try {
      failures = await replay(rctx, claimed.entries, claimed.unsure, goneFolders);
    } catch (err) {
      if (isConnectionTrouble(err)) {
        const mayHaveApplied = err instanceof TransportError && (err.kind === 'unreachable' || err.kind === 'offline');
        const lost = await release(db, claimed.entries, { tried: mayHaveApplied, lost: mayHaveApplied && answered });
        for (const e of lost.filter((x) => (x.progress?.lost ?? 0) >= MAX_LOST))
          await parkEntry(db, e.seq!, { code: 'connection' }, clock.now());
        throw err;
      }
      const failure = failureFromError(err);
      // Trouble of the server as a whole (a fault for the request) ends this push.
      stop = err instanceof SoapFault && failure.kind === 'retry';
      failures = new Map(claimed.entries.map((e) => [e.seq!, failure]));
    }
    for (const e of claimed.entries) {
      const failure = failures.get(e.seq!);
      if (!failure) {
        result.done++;
        continue;
      }
      result.failed++;
      blocked.add(e);
      await fail(ctx, e.seq!, failure);
    }
    // Entries finished with no failure but not deleted (none today) would stay 'sending'.
    await release(db, claimed.entries, { onlyIfSending: true });
    if (stop) break;
  }
  return result;
}

function replay(
  ctx: SyncContext,
  group: OutboxEntry[],
  unsure: boolean,
  goneFolders: Set<string>,
): Promise<Map<number, Failure>> {
  const entry = group[0]!;
  const one = async (run: () => Promise<void>) => {
    await run();
    return new Map<number, Failure>();
  };
  // A group holds intents of one kind (see group.ts): the first one's op speaks for all.
  const { op } = entry;
  switch (op.kind) {
    case 'set-read':
    case 'set-flag':
      return replayUpdate(ctx, group, op);
    case 'categorize':
      return replayCategories(ctx, group, op);
    case 'move':
    case 'delete':
      return replayMove(ctx, group, op, unsure, goneFolders);
    case 'send':
      return one(() => replaySend(ctx, entry, op, unsure));
    case 'save-draft':
      return one(() => replaySaveDraft(ctx, entry, op, unsure));
    case 'create-folder':
    case 'rename-folder':
    case 'delete-folder':
      return one(() => replayFolder(ctx, entry, op, unsure));
  }
}

function isConnectionTrouble(err: unknown): boolean {
  return err instanceof TransportError || err instanceof ThrottledError || err instanceof StoppedError;
}

/** What an error thrown by a replay means for its entries. */
function failureFromError(err: unknown): Failure {
  if (err instanceof EntryError) return err.failure;
  if (err instanceof SoapFault) {
    // A request the server cannot even read will not read better later.
    const permanent = err.code === 'ErrorSchemaValidation' || err.code === 'ErrorInvalidRequest';
    return { kind: permanent ? 'park' : 'retry', reason: { code: 'refused', ews: err.code } };
  }
  if (err instanceof CodecError) return { kind: 'retry', reason: { code: 'unreadable' } };
  return { kind: 'retry', reason: { code: 'bug', detail: (err as Error)?.message ?? String(err) } };
}

/** Records a failure: park, or count an attempt and wait longer before the next one. */
async function fail(ctx: SyncContext, seq: number, failure: Failure): Promise<void> {
  const { db, clock } = ctx;
  if (failure.kind === 'park') return parkEntry(db, seq, failure.reason, clock.now());
  const entry = await db.outbox.get(seq);
  if (!entry) return;
  if (failure.kind === 'wait') {
    await db.outbox.update(seq, { state: 'pending', error: failure.reason });
    return;
  }
  const attempts = entry.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return parkEntry(db, seq, { ...failure.reason, attempts }, clock.now());
  await db.outbox.update(seq, {
    state: 'failed',
    attempts,
    error: failure.reason,
    notBefore: clock.now() + backoffDelay(attempts - 1, ctx.settings),
  });
}

/**
 * An entry that needs a folder or draft not created on the server yet: it waits, without an
 * attempt counted, and says for what. One whose creator was parked is parked with it (it cannot
 * happen before the user decides); one whose creator is gone for good cannot happen at all.
 */
async function waitFor(ctx: SyncContext, entry: OutboxEntry, entries: OutboxEntry[]): Promise<void> {
  const creator = creatorOf(entry, entries);
  const now = ctx.clock.now();
  if (!creator) return parkEntry(ctx.db, entry.seq!, { code: 'needs-discarded' }, now);
  if (creator.state === 'parked')
    return parkEntry(ctx.db, entry.seq!, { code: 'needs-failed', cause: creator.error }, now);
  const waiting = typeof entry.error === 'object' && entry.error.code === 'waiting';
  if (!waiting || entry.state !== 'pending') await fail(ctx, entry.seq!, { kind: 'wait', reason: { code: 'waiting' } });
}

/**
 * A folder deleted for good takes along whatever the server holds in it then, which may be more
 * than it held here (a folder whose move out is held up, messages whose move out is): it never
 * overtakes an earlier entry that is held up.
 */
function deletesNeeded(entry: OutboxEntry, blocked: Blocked): boolean {
  return entry.op.kind === 'delete-folder' && !!entry.local?.hardDelete?.length && blocked.any;
}

/**
 * How many messages the server still holds in the folders `entry` deletes for good although the
 * user took them out here: their move (or delete) is parked, made before it. The delete would take
 * them along on the server, so it is parked too, and the user decides; nothing is lost meanwhile.
 */
function strandedBy(entry: OutboxEntry, entries: OutboxEntry[]): number {
  const gone = new Set(entry.op.kind === 'delete-folder' ? (entry.local?.hardDelete ?? []) : []);
  if (gone.size === 0) return 0;
  const parked = entries.filter(
    (e) => e.seq! < entry.seq! && e.state === 'parked' && (e.op.kind === 'move' || e.op.kind === 'delete'),
  );
  return parked.flatMap((e) => Object.values(e.local?.origin ?? {})).filter((folder) => gone.has(folder)).length;
}

/** A cheap request that tells whether the server answers at all. */
async function probe(ctx: SyncContext): Promise<void> {
  await ctx.call(GetFolder, { folderShape: { baseShape: 'IdOnly' }, folderIds: [{ distinguished: 'inbox' }] });
}
