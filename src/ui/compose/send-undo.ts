import { recordAction, type Draft } from '../../db/index.js';
import { releaseSend, takeBackSend } from '../../db/outbox-admin.js';
import { nudgeWorker, showFailure } from '../actions/perform.js';
import { showToast } from '../actions/toasts.js';
import { db } from '../db.js';
import type { Translator } from '../i18n/translate.js';
import { online } from '../sync-triggers.js';
import { DRAFT_PREFIX, resumeDraft, type LocalDraft } from './compose-state.js';
import '../i18n/views.js';

/**
 * Sends `message`, written as `draft`, after `seconds` (the Undo send setting), with Undo offered
 * until then: the send is recorded at once (it survives a closed tab), held in the outbox, and let
 * go when the time is up or the page is hidden (a tab closed or left does not keep mail back).
 * Undo takes it out of the outbox and opens the composer again on the same words and files,
 * unless a pass has started sending it. False (and an error toast) when it could not be recorded.
 */
export async function sendWithUndo(
  message: Draft,
  draft: LocalDraft,
  seconds: number,
  t: Translator,
): Promise<boolean> {
  const ms = seconds * 1000;
  const now = Date.now();
  let opId: string;
  try {
    opId = await recordAction(db, { kind: 'send', draft: message }, now, { holdUntil: now + ms });
  } catch (err) {
    showFailure(err, t);
    return false;
  }
  let settled = false;
  const settle = () => {
    settled = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onHidden);
  };
  const release = () => {
    if (settled) return;
    settle();
    void releaseSend(db, opId).then(nudgeWorker);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') release();
  };
  const timer = setTimeout(release, ms);
  document.addEventListener('visibilitychange', onHidden);

  // Tried even once the time is up: until a pass claims it, nothing has left.
  const undo = async () => {
    settle();
    const back = await takeBackSend(db, opId, () => db.meta.put({ key: DRAFT_PREFIX + draft.key, value: draft }));
    if (back) resumeDraft(draft);
    else showToast(t.t('toast.tooLateToUndo'));
  };
  showToast(t.t(online.get() ? 'toast.sending' : 'toast.sendQueued'), { undo: () => void undo(), ms });
  return true;
}
