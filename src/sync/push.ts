import { SoapFault, CodecError } from '../ews/index.js';
import type { OutboxEntry } from '../db/index.js';
import { backoffDelay } from './backoff.js';
import type { SyncContext } from './context.js';
import { EntryError } from './entry-error.js';
import { replayFolder } from './replay-folder.js';
import { replayMove } from './replay-move.js';
import { replaySaveDraft, replaySend } from './replay-send.js';
import { replayUpdate } from './replay-update.js';

export interface PushResult {
  done: number;
  failed: number;
}

/**
 * Replays the outbox, oldest first, one entry at a time (an entry with many ids is one
 * multi-id request). An entry that succeeds is deleted; one that fails is marked `failed` with
 * the reason in plain words and retried in a later pass after a growing delay, and never holds
 * up the entries behind it. Trouble with the connection itself (offline, 401, busy) stops the
 * push and leaves the entry as it was.
 *
 * Not yet here (left for the outbox's own hardening): coalescing intents that cancel out,
 * parking an entry after repeated failures, and conflict policies beyond "retry once with a
 * fresh ChangeKey".
 */
export async function push(ctx: SyncContext): Promise<PushResult> {
  const { db, clock } = ctx;
  const result: PushResult = { done: 0, failed: 0 };
  const now = clock.now();
  const due = (await db.outbox
    .orderBy('seq')
    .filter((e) => e.state !== 'parked' && (e.notBefore ?? 0) <= now)
    .primaryKeys()) as number[];
  if (due.length) ctx.progress.phase('pushing');
  for (const seq of due) {
    // Read again: an earlier entry may have rewritten this one (a message's new id after a move).
    const entry = await db.outbox.get(seq);
    if (!entry) continue;
    const interrupted = entry.state === 'sending' || entry.attempts > 0 || !!entry.progress?.tried;
    await db.outbox.update(seq, { state: 'sending' });
    try {
      await replay(ctx, entry, interrupted);
      result.done++;
    } catch (err) {
      if (!isEntryFailure(err)) {
        // The connection failed, maybe after a request went out: remember that the outcome is
        // unknown, so the next attempt looks before it creates or sends anything again.
        const latest = await db.outbox.get(seq);
        if (latest)
          await db.outbox.update(seq, {
            state: entry.state === 'sending' ? 'pending' : entry.state,
            progress: { ...latest.progress, tried: true },
          });
        throw err;
      }
      result.failed++;
      await markFailed(ctx, seq, err);
    }
  }
  return result;
}

function replay(ctx: SyncContext, entry: OutboxEntry, interrupted: boolean): Promise<void> {
  switch (entry.op.kind) {
    case 'set-read':
    case 'set-flag':
      return replayUpdate(ctx, entry);
    case 'move':
    case 'delete':
      return replayMove(ctx, entry);
    case 'send':
      return replaySend(ctx, entry, interrupted);
    case 'save-draft':
      return replaySaveDraft(ctx, entry, interrupted);
    case 'create-folder':
    case 'rename-folder':
    case 'delete-folder':
      return replayFolder(ctx, entry);
  }
}

/** Errors that belong to the entry, as opposed to the connection (which stop the whole push). */
function isEntryFailure(err: unknown): err is Error {
  return err instanceof EntryError || err instanceof SoapFault || err instanceof CodecError;
}

async function markFailed(ctx: SyncContext, seq: number, err: Error): Promise<void> {
  const entry = await ctx.db.outbox.get(seq);
  if (!entry) return;
  const attempts = entry.attempts + 1;
  const error =
    err instanceof EntryError
      ? err.message
      : err instanceof SoapFault
        ? `The server refused the change (${err.code}).`
        : 'The server sent an answer that could not be read.';
  await ctx.db.outbox.update(seq, {
    state: 'failed',
    attempts,
    error,
    notBefore: ctx.clock.now() + backoffDelay(attempts - 1, ctx.settings),
  });
}
