import { recordAction, type OutboxOp } from '../../db/index.js';
import type { Translator } from '../i18n/translate.js';
import { db } from '../db.js';
import { requestBackgroundSync, syncStatus } from '../sync-client.js';
import { online, requestSync } from '../sync-triggers.js';
import { showToast } from './toasts.js';

export interface PerformOptions {
  /** What happened, for the toast ("Archived."); "Done." when absent. */
  done?: string;
  /**
   * The intents that undo this one, offered as Undo while the toast shows. Worked out when Undo
   * is pressed: by then the worker may have pushed the change and the server given new ids.
   */
  undo?: () => Promise<OutboxOp | OutboxOp[] | undefined>;
  /** No toast when it worked (a read flag set by opening a message). */
  quiet?: boolean;
  /** Said instead of `done` when the server cannot be reached now ("Message queued…"). */
  queued?: string;
}

function willReachServerNow(): boolean {
  const connection = syncStatus.get()?.connection.kind ?? 'online';
  return online.get() && connection === 'online';
}

/**
 * Records an intent through `recordAction` (local rows and the outbox entry in one committed
 * transaction), then nudges the worker. The toast shows only after the commit: "Queued" when it
 * cannot reach the server yet, never a success that was not stored (SECURITY.md R1).
 */
export async function perform(op: OutboxOp, t: Translator, options: PerformOptions = {}): Promise<boolean> {
  try {
    await recordAction(db, op);
  } catch (err) {
    showFailure(err, t);
    return false;
  }
  nudgeWorker();
  if (options.quiet) return true;
  const text = willReachServerNow()
    ? (options.done ?? t.t('toast.done'))
    : (options.queued ?? `${options.done ?? ''} ${t.t('toast.queued')}`.trim());
  const undo = options.undo;
  showToast(text, { ...(undo && { undo: () => void undo().then((inverse) => undoWith(inverse ?? [], t)) }) });
  return true;
}

/** Says an intent could not be recorded, and why. */
export function showFailure(err: unknown, t: Translator): void {
  showToast(t.t('toast.failed', { error: err instanceof Error ? err.message : String(err) }), { kind: 'error' });
}

/** Asks the worker to push the outbox now, and the browser to do so once online if it is not. */
export function nudgeWorker(): void {
  requestSync('outbox');
  if (!online.get()) requestBackgroundSync();
}

/** Records each inverse intent in order, with one "Undone." at the end. */
async function undoWith(inverse: OutboxOp | OutboxOp[], t: Translator): Promise<void> {
  const list = Array.isArray(inverse) ? inverse : [inverse];
  for (const [i, op] of list.entries())
    if (!(await perform(op, t, { done: t.t('toast.undone'), quiet: i < list.length - 1 }))) return;
}
