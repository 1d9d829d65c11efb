import { useEffect, useRef, useState } from 'preact/hooks';
import {
  draftFilesUnlisted,
  getBody,
  getMessage,
  isLocalId,
  isQuotaError,
  storeDraftFiles,
  sweepFiles,
  type Draft,
} from '../../db/index.js';
import { correspondence } from '../../db/people.js';
import { perform } from '../actions/perform.js';
import { showToast } from '../actions/toasts.js';
import { Dialog } from '../components/dialog.js';
import { Icon } from '../components/icon.js';
import { parseAddresses } from '../compose/address.js';
import { FileReadError, forwardedAttachments, LIMIT_TEXT, overLimit, readFiles } from '../compose/attachments.js';
import { listedFiles } from '../mail-html/body-pictures.js';
import { DRAFT_PREFIX, type ComposeRequest, type LocalDraft } from '../compose/compose-state.js';
import { lookUpDirectory } from '../compose/directory.js';
import { draftFields, waitingDraft } from '../compose/draft-fields.js';
import { formatBody } from '../compose/format-body.js';
import { htmlToText } from '../compose/html-to-text.js';
import { peopleFrom, type Person } from '../compose/recipients.js';
import { sendWithUndo } from '../compose/send-undo.js';
import { composeFields } from '../compose/reply-template.js';
import { readSignature, withSignature } from '../compose/signature.js';
import { mayUseNetwork } from '../connection.js';
import { db } from '../db.js';
import { formatClock } from '../format/relative-date.js';
import { useConnection } from '../hooks/use-connection.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { storedAccount } from '../session.js';
import { settings } from '../settings.js';
import { AttachmentChips } from './attachment-chips.js';
import { RecipientField } from './recipient-field.js';
import '../i18n/views.js';

// Saved this long after the last keystroke (IndexedDB writes are cheap, but not per key).
const AUTOSAVE_MS = 600;

async function initialDraft(request: ComposeRequest, t: ReturnType<typeof useI18n>): Promise<LocalDraft> {
  const saved = (await db.meta.get(DRAFT_PREFIX + request.key))?.value as LocalDraft | undefined;
  if (saved) return saved;
  const blank: LocalDraft = {
    key: request.key,
    mode: request.mode,
    ...(request.sourceId !== undefined && { sourceId: request.sourceId }),
    to: '',
    cc: '',
    bcc: '',
    subject: '',
    body: '',
    savedAt: 0,
  };
  if (request.draftId !== undefined) return editing(blank, request.draftId);
  const signature = await readSignature(db);
  const signed = { ...blank, body: withSignature('', request.mode, signature) };
  if (request.mode === 'new' || request.sourceId === undefined) return signed;
  const source = await getMessage(db, request.sourceId);
  if (!source) return signed;
  const body = await getBody(db, source.id);
  const text = body ? (body.type === 'html' ? htmlToText(body.content) : body.content) : source.preview;
  const fields = composeFields(request.mode, source, text, storedAccount(), t);
  // The original's files; the pictures its body shows stay behind, as in Outlook and Gmail (the
  // quoted text does not show them), but a picture it never showed is one of its files.
  const attachments =
    request.mode === 'forward' && body ? forwardedAttachments(source, listedFiles(body.attachments, body)) : [];
  // Not downloaded yet: the attachments are unknown here, and the forward says so.
  const unknown = request.mode === 'forward' && !body && source.hasAttachments === 1;
  return {
    ...blank,
    ...fields,
    body: withSignature(fields.body, request.mode, signature),
    attachments,
    ...(unknown && { attachmentsUnknown: true }),
  };
}

/**
 * A message from Drafts, as the composer's fields. Its words must be here (the reader fetched
 * them): starting from the preview would save a cut-down draft over the real one. Its files are
 * those of its waiting save when it has one that lists them, else those the server holds, as
 * references a remake fetches from it.
 */
async function editing(blank: LocalDraft, draftId: string): Promise<LocalDraft> {
  const [message, body] = await Promise.all([getMessage(db, draftId), getBody(db, draftId)]);
  if (!message || !body) throw new Error('draft-not-here');
  const fields = { ...blank, ...draftFields(message, body), draftId };
  const waiting = waitingDraft(await db.outbox.toArray(), draftId);
  if (isLocalId(draftId))
    return { ...fields, ...(waiting?.attachments?.length && { attachments: waiting.attachments }) };
  if (waiting?.remake) return { ...fields, attachments: waiting.attachments ?? [], remake: true };
  // Every file, the pictures its HTML showed included: the composer keeps its words as text, so a
  // remade draft would otherwise lose them; they stay as files.
  const attachments = forwardedAttachments(message, body.attachments);
  // A remake could not keep files it cannot name.
  const unknown = draftFilesUnlisted(message, body);
  return { ...fields, attachments, ...(unknown && { attachmentsUnknown: true }) };
}

/** Edits a message in Drafts that is on the server (not one only saved here so far). */
const onServer = (d: LocalDraft) => d.draftId !== undefined && !isLocalId(d.draftId);

/** What a change of files does to a draft: one on the server is then made again. */
const remade = (d: LocalDraft): Pick<LocalDraft, 'remake'> => (onServer(d) ? { remake: true } : {});

const TITLES: Record<LocalDraft['mode'], MessageKey> = {
  new: 'compose.title',
  reply: 'compose.replyTitle',
  'reply-all': 'compose.replyTitle',
  forward: 'compose.forwardTitle',
};

/**
 * New message, reply, reply-all and forward. Saved on this device as you type; Send records the
 * message in the outbox (so it works offline) and the window closes only once that is stored.
 * Ctrl/Cmd+Enter sends; Esc closes and keeps the draft.
 */
export default function Composer({ request, onClose }: { request: ComposeRequest; onClose(): void }) {
  const t = useI18n();
  // The directory is asked only when the network may be used (not offline, not working offline).
  const online = mayUseNetwork(useConnection());
  const [draft, setDraft] = useState<LocalDraft | undefined>(undefined);
  const [showCc, setShowCc] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const to = useRef<HTMLInputElement>(null);
  const dirty = useRef(false);
  const latest = useRef<LocalDraft | undefined>(undefined);
  latest.current = draft;

  useEffect(() => {
    initialDraft(request, t).then(
      (d) => {
        setDraft(d);
        setShowCc(d.cc !== '' || d.bcc !== '');
      },
      () => {
        showToast(t.t('compose.draftNotHere'), { kind: 'error' });
        onClose();
      },
    );
  }, [request.key]);

  // Who to suggest in To, Cc and Bcc: read once as the composer opens, from the newest mail here.
  const [people, setPeople] = useState<Person[]>();
  useEffect(() => {
    correspondence(db).then(
      (seen) => setPeople(peopleFrom(seen)),
      () => setPeople([]),
    );
  }, []);

  // Focus where writing starts: the body of a reply (at the top, above the quote and the
  // signature), else To; the body's caret waits at its top, where Tab from the subject lands.
  useEffect(() => {
    if (!draft) return;
    body.current?.setSelectionRange(0, 0);
    if (draft.mode === 'reply' || draft.mode === 'reply-all') body.current?.focus();
    else to.current?.focus();
  }, [draft === undefined]);

  /**
   * Keeps the draft on this device; false (with the reason shown) when the write failed. The
   * draft then stays unsaved, so the next change, or Close, tries again: "Draft saved" never
   * shows for words that are not stored.
   */
  const save = async (d: LocalDraft | undefined = latest.current): Promise<boolean> => {
    if (!d || !dirty.current) return true;
    dirty.current = false;
    const saved = { ...d, savedAt: Date.now() };
    try {
      await db.meta.put({ key: DRAFT_PREFIX + d.key, value: saved });
    } catch (err) {
      dirty.current = true;
      setSaveError(
        isQuotaError(err)
          ? t.t('compose.saveFull')
          : t.t('compose.saveFailed', { error: err instanceof Error ? err.message : String(err) }),
      );
      return false;
    }
    setSaveError(undefined);
    setDraft((cur) => (cur && cur.key === saved.key ? { ...cur, savedAt: saved.savedAt } : cur));
    return true;
  };

  useEffect(() => {
    if (!draft || !dirty.current) return;
    const timer = setTimeout(() => void save(draft), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  // A tab hidden may be closed or discarded next without another event: store the last words now.
  useEffect(() => {
    const hidden = () => document.visibilityState === 'hidden' && void save();
    document.addEventListener('visibilitychange', hidden);
    return () => document.removeEventListener('visibilitychange', hidden);
  }, []);

  const change = (field: 'to' | 'cc' | 'bcc' | 'subject' | 'body', value: string) => {
    dirty.current = true;
    // At once, not at the next render: a tab hidden in the same instant saves this key too.
    if (latest.current) latest.current = { ...latest.current, [field]: value };
    setDraft((d) => (d ? { ...d, [field]: value } : d));
  };

  // Closing would lose what could not be stored: the window stays, with the reason shown.
  const close = async () => {
    if (await save()) onClose();
  };

  const discard = async () => {
    if (!draft || !confirm(t.t('compose.confirmDiscard'))) return;
    dirty.current = false;
    await db.meta.delete(DRAFT_PREFIX + draft.key);
    await sweepFiles(db);
    onClose();
  };

  /**
   * Attaches files: refused whole, before anything is read, when they would take the message
   * past the limit; read now; kept in IndexedDB together with the draft that names them, so a
   * closed tab loses nothing.
   */
  const attach = async (files: File[]) => {
    const current = latest.current;
    if (!current || files.length === 0) return;
    const over = overLimit(current.attachments, files);
    if (over !== undefined) return setError(t.t('compose.tooLarge', { name: over, limit: LIMIT_TEXT }));
    setError(undefined);
    try {
      const read = await readFiles(files);
      let next: LocalDraft | undefined;
      await storeDraftFiles(db, current.key, read, (added) => {
        const d = latest.current ?? current;
        next = { ...d, ...remade(d), attachments: [...(d.attachments ?? []), ...added], savedAt: Date.now() };
        return next;
      });
      if (next) setDraft(next);
    } catch (err) {
      if (err instanceof FileReadError) setError(t.t('compose.readFailed', { name: err.fileName }));
      else if (isQuotaError(err)) setError(t.t('compose.diskFull'));
      else setError(t.t('compose.attachFailed', { error: err instanceof Error ? err.message : String(err) }));
    }
  };

  const detach = async (index: number) => {
    const d = latest.current;
    if (!d) return;
    const next = {
      ...d,
      ...remade(d),
      attachments: (d.attachments ?? []).filter((_, i) => i !== index),
      savedAt: Date.now(),
    };
    try {
      await db.meta.put({ key: DRAFT_PREFIX + d.key, value: next });
    } catch (err) {
      // The file stays listed, as it stays stored with the draft.
      return setError(t.t('compose.detachFailed', { error: err instanceof Error ? err.message : String(err) }));
    }
    setDraft(next);
    await sweepFiles(db);
  };

  const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    void attach([...e.dataTransfer!.files]);
  };

  /**
   * Puts a mark into the text and the caret where typing goes on, at once: the field is written
   * before the next render (which then finds it up to date), so a key typed right after the mark
   * lands after it, not where the caret was a frame ago.
   */
  const mark = (next: string, start: number, end: number) => {
    const el = body.current;
    if (!el) return;
    el.focus();
    el.value = next;
    el.setSelectionRange(start, end);
    change('body', next);
  };

  const wrap = (before: string, after: string) => {
    const el = body.current;
    if (!el || !draft) return;
    const { selectionStart: s, selectionEnd: e, value } = el;
    mark(value.slice(0, s) + before + value.slice(s, e) + after + value.slice(e), s + before.length, e + before.length);
  };

  /** [selection](https://) with the address part selected, to be typed or pasted over. */
  const linkify = () => {
    const el = body.current;
    if (!el || !draft) return;
    const { selectionStart: s, selectionEnd: e, value } = el;
    const text =
      value
        .slice(s, e)
        .replace(/[\]\n]+/g, ' ')
        .trim() || t.t('compose.linkText');
    const address = 'https://';
    const at = s + text.length + 3;
    mark(`${value.slice(0, s)}[${text}](${address})${value.slice(e)}`, at, at + address.length);
  };

  const listify = () => {
    const el = body.current;
    if (!el || !draft) return;
    const { selectionStart: s, selectionEnd: e, value } = el;
    const from = value.lastIndexOf('\n', s - 1) + 1;
    const marked = value
      .slice(from, e)
      .split('\n')
      .map((l) => (l.startsWith('- ') ? l : `- ${l}`))
      .join('\n');
    // The caret stays on the text it was on, so typing goes on after the new mark.
    const shift = marked.length - (e - from);
    mark(value.slice(0, from) + marked + value.slice(e), s === e ? s + shift : from, e + shift);
  };

  /** The message as typed, or undefined (with the reason shown) when an address is not valid. */
  const message = (d: LocalDraft): Draft | undefined => {
    const fields = { to: parseAddresses(d.to), cc: parseAddresses(d.cc), bcc: parseAddresses(d.bcc) };
    const invalid = [...fields.to.invalid, ...fields.cc.invalid, ...fields.bcc.invalid];
    if (invalid.length) return void setError(t.t('compose.badAddress', { list: invalid.join(', ') }));
    const html = formatBody(d.body);
    return {
      to: fields.to.addresses,
      cc: fields.cc.addresses,
      bcc: fields.bcc.addresses,
      subject: d.subject,
      text: d.body,
      ...(html !== undefined && { html }),
      ...(d.sourceId !== undefined && d.mode !== 'new' && { source: { id: d.sourceId, mode: d.mode } }),
      // A draft on the server keeps its files unless they changed here.
      ...(d.remake
        ? { attachments: d.attachments ?? [], remake: true }
        : !onServer(d) && d.attachments?.length && { attachments: d.attachments }),
    };
  };

  /** Records the send or the save in the outbox; the window closes once it is stored. */
  const record = async (kind: 'send' | 'save-draft', m: Draft, said: { done: string; queued: string }) => {
    if (!draft) return;
    setError(undefined);
    setSending(true);
    // A message not saved to Drafts can be taken back for a few seconds. One that was edits a
    // draft other entries may stand on, and goes at once, as before.
    const hold = settings.get().undoSendSeconds;
    const ok =
      kind === 'send' && draft.draftId === undefined && hold > 0
        ? await sendWithUndo(m, { ...draft, savedAt: Date.now() }, hold, t)
        : await perform({ kind, draft: m, ...(draft.draftId !== undefined && { draftId: draft.draftId }) }, t, said);
    setSending(false);
    if (!ok) return;
    dirty.current = false;
    await db.meta.delete(DRAFT_PREFIX + draft.key);
    // The outbox entry names the files now; this only drops ones removed along the way.
    await sweepFiles(db);
    onClose();
  };

  const sendNow = async () => {
    if (!draft || sending) return;
    const m = message(draft);
    if (!m) return;
    if (m.to.length + m.cc.length + m.bcc.length === 0) return setError(t.t('compose.noRecipients'));
    if (draft.subject.trim() === '' && !confirm(t.t('compose.emptySubject'))) return;
    await record('send', m, { done: t.t('toast.sent'), queued: t.t('toast.sendQueued') });
  };

  /** Save to Drafts: the draft goes to the server (and to the person's other devices). */
  const saveToDrafts = async () => {
    if (!draft || sending) return;
    const m = message(draft);
    if (m)
      await record('save-draft', m, { done: t.t('toast.savedToDrafts'), queued: t.t('toast.savedToDraftsQueued') });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void sendNow();
    } else if (e.key.toLowerCase() === 's' && !e.shiftKey) {
      e.preventDefault();
      void saveToDrafts();
    } else if (e.target === body.current && e.shiftKey) {
      // Gmail's bulleted list; by the key's place, since Shift+8 types "*" or "8" by layout.
      if (e.code === 'Digit8') {
        e.preventDefault();
        listify();
      }
    } else if (e.target === body.current) {
      // The body's marks, as in every mail composer.
      const mark = { b: () => wrap('**', '**'), i: () => wrap('_', '_'), k: linkify }[e.key.toLowerCase()];
      if (mark) {
        e.preventDefault();
        mark();
      }
    }
  };

  if (!draft) return null;
  // Its files cannot be changed when they are not here to be kept.
  const locked = onServer(draft) && draft.attachmentsUnknown;
  const field = (name: 'to' | 'cc' | 'bcc', label: MessageKey, ref?: typeof to) => (
    <RecipientField
      name={name}
      label={t.t(label)}
      value={draft[name]}
      onChange={(value) => change(name, value)}
      people={people}
      directory={online ? lookUpDirectory : undefined}
      {...(ref ? { inputRef: ref } : {})}
    />
  );

  return (
    <Dialog
      title={t.t(draft.draftId !== undefined ? 'compose.editTitle' : TITLES[draft.mode])}
      onClose={() => void close()}
      class="composer"
    >
      <form
        class={dragging ? 'compose-form dragging' : 'compose-form'}
        onKeyDown={onKeyDown}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        onSubmit={(e) => {
          e.preventDefault();
          void sendNow();
        }}
      >
        {field('to', 'compose.to', to)}
        {showCc ? (
          <>
            {field('cc', 'compose.cc')}
            {field('bcc', 'compose.bcc')}
          </>
        ) : (
          <button type="button" class="link-button" onClick={() => setShowCc(true)}>
            {t.t('compose.showCcBcc')}
          </button>
        )}
        <label class="compose-field">
          <span>{t.t('compose.subject')}</span>
          <input
            type="text"
            name="subject"
            value={draft.subject}
            onInput={(e) => change('subject', (e.target as HTMLInputElement).value)}
            // On to the text, as in other mail programs, rather than sending half a message.
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
              e.preventDefault();
              body.current?.focus();
            }}
          />
        </label>
        <textarea
          ref={body}
          name="body"
          aria-label={t.t('compose.body')}
          value={draft.body}
          onInput={(e) => change('body', (e.target as HTMLTextAreaElement).value)}
        />
        <div class="format-bar" role="toolbar" aria-label={t.t('compose.body')}>
          <button
            type="button"
            title={`${t.t('compose.bold')} (Ctrl+B)`}
            aria-label={t.t('compose.bold')}
            onClick={() => wrap('**', '**')}
          >
            <b>B</b>
          </button>
          <button
            type="button"
            title={`${t.t('compose.italic')} (Ctrl+I)`}
            aria-label={t.t('compose.italic')}
            onClick={() => wrap('_', '_')}
          >
            <i>I</i>
          </button>
          <button
            type="button"
            title={`${t.t('compose.link')} (Ctrl+K)`}
            aria-label={t.t('compose.link')}
            onClick={linkify}
          >
            <Icon name="link" />
          </button>
          <button
            type="button"
            title={`${t.t('compose.list')} (Ctrl+Shift+8)`}
            aria-label={t.t('compose.list')}
            onClick={listify}
          >
            •
          </button>
        </div>
        {draft.formattingLost && <p class="form-note">{t.t('compose.formattingLost')}</p>}
        {locked ? (
          <p class="form-note">{t.t('compose.serverDraftAttachments')}</p>
        ) : (
          <div class="compose-attach">
            <button type="button" onClick={() => picker.current?.click()}>
              {t.t('compose.attach')}
            </button>
            <input
              ref={picker}
              type="file"
              name="attachments"
              multiple
              class="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const input = e.target as HTMLInputElement;
                const files = [...(input.files ?? [])];
                input.value = ''; // the same file may be picked again after a remove
                void attach(files);
              }}
            />
            {dragging && <span class="drop-hint">{t.t('compose.dropFiles')}</span>}
          </div>
        )}
        <AttachmentChips list={draft.attachments ?? []} onRemove={(i) => void detach(i)} />
        {draft.attachmentsUnknown && !locked && <p class="form-note">{t.t('compose.forwardAttachmentsUnknown')}</p>}
        {[saveError, error].map(
          (text) =>
            text && (
              <p class="form-error" role="alert" key={text}>
                {text}
              </p>
            ),
        )}
        <footer class="dialog-actions">
          <button type="submit" class="primary" disabled={sending} title={`${t.t('compose.send')} (Ctrl+Enter)`}>
            {t.t('compose.send')}
          </button>
          <button
            type="button"
            disabled={sending}
            title={`${t.t('compose.saveToDrafts')} (Ctrl+S)`}
            onClick={() => void saveToDrafts()}
          >
            {t.t('compose.saveToDrafts')}
          </button>
          <span class="saved-at" aria-live="polite">
            {draft.savedAt > 0 &&
              !saveError &&
              t.t('compose.draftSaved', { time: formatClock(draft.savedAt, t.locale) })}
          </span>
          <button type="button" onClick={discard}>
            {t.t('compose.discard')}
          </button>
          <button type="button" onClick={() => void close()}>
            {t.t('action.close')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
