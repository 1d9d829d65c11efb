import { useEffect, useRef, useState } from 'preact/hooks';
import {
  draftFilesUnlisted,
  isLocalId,
  getBody,
  getMessage,
  outboxMessageIds,
  type Address,
  type AttachmentMeta,
  type BodyRow,
  type MessageRow,
} from '../../db/index.js';
import { perform } from '../actions/perform.js';
import { shownAddresses } from '../compose/address.js';
import { plainFileName } from '../format/bidi.js';
import { listedFiles } from '../mail-html/body-pictures.js';
import { db } from '../db.js';
import type { SyncErrorInfo } from '../../sync/protocol.js';
import { formatFullDate } from '../format/relative-date.js';
import { syncErrorText } from '../format/sync-error-text.js';
import { useStore } from '../hooks/store.js';
import { useLiveQuery } from '../hooks/use-live-query.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusReaderOnOpen } from '../selection.js';
import { settings } from '../settings.js';
import { onBodyReady, send, syncStatus } from '../sync-client.js';
import { mayUseNetwork } from '../connection.js';
import { useConnection } from '../hooks/use-connection.js';
import { Icon } from '../components/icon.js';
import { Categories } from '../components/categories.js';
import { lazy } from '../components/lazy.js';
import { AttachmentItem, AttachmentList } from './attachment-list.js';
import { Conversation } from './conversation.js';
import { attachmentUrl, messageUrl } from './attachment-url.js';
import { MailBody, type PrintRequest } from './mail-body.js';
import { MessageToolbar, type MessageCommands } from './message-toolbar.js';
import '../i18n/views.js';

function AddressLine({ label, list }: { label: string; list: Address[] }) {
  if (list.length === 0) return null;
  return (
    <div class="address-line">
      <dt>{label}</dt>
      <dd>{shownAddresses(list)}</dd>
    </div>
  );
}

const AttachedEmailView = lazy(() => import('./attached-email.js'));

interface AttachmentsProps {
  id: string;
  body: BodyRow;
  canDownload: boolean;
  /** Opens an attached email in place. */
  onOpen(a: AttachmentMeta): void;
}

function Attachments({ id, body, canDownload, onOpen }: AttachmentsProps) {
  const t = useI18n();
  const files = listedFiles(body.attachments, body);
  if (files.length === 0) return null;
  return (
    <AttachmentList>
      {files.map((a) => (
        <AttachmentItem key={a.id} name={a.name} size={a.size} type={a.contentType}>
          {canDownload && a.contentType === 'message/rfc822' && (
            <button type="button" onClick={() => onOpen(a)}>
              {t.t('reader.open')}
            </button>
          )}
          {canDownload ? (
            <a class="button" href={attachmentUrl(a, id)} download={plainFileName(a.name)}>
              {t.t('reader.download')}
            </a>
          ) : (
            <span class="att-offline">{t.t('reader.downloadOffline')}</span>
          )}
        </AttachmentItem>
      ))}
    </AttachmentList>
  );
}

type BodyState = { kind: 'waiting' } | { kind: 'failed'; error: SyncErrorInfo | undefined };

export interface ReaderProps {
  messageId: string;
  commands: MessageCommands;
  onBack(): void;
}

/**
 * The reading pane. Everything from the message is text (subject, names, attachment names);
 * the body goes through MailBody. A body not on the device yet is asked for when online, and
 * again when the network returns.
 */
export default function Reader({ messageId, commands, onBack }: ReaderProps) {
  const t = useI18n();
  const connection = useConnection();
  const isOnline = mayUseNetwork(connection);
  const { markReadAfterMs } = useStore(settings);
  const heading = useRef<HTMLHeadingElement>(null);
  const found = useLiveQuery(async () => ({ id: messageId, message: await getMessage(db, messageId) }), [messageId]);
  const stored = useLiveQuery(async () => ({ id: messageId, body: await getBody(db, messageId) }), [messageId]);
  const [bodyState, setBodyState] = useState<BodyState>({ kind: 'waiting' });
  const [opened, setOpened] = useState<AttachmentMeta | undefined>(undefined);
  const [printed, setPrinted] = useState<PrintRequest | undefined>(undefined);
  const message: MessageRow | undefined = found?.id === messageId ? found.message : undefined;
  const body = stored?.id === messageId ? stored.body : undefined;
  const bodyKnown = stored?.id === messageId;

  useEffect(() => {
    setBodyState({ kind: 'waiting' });
    setOpened(undefined);
  }, [messageId]);

  // The message, not the app around it, goes to paper: Ctrl/Cmd+P prints it, as in Outlook and
  // Thunderbird, unless a dialog (the composer) has the keyboard. False while its words are not
  // here: Ctrl+P then stays the browser's.
  const print = (): boolean => {
    if (!message || !body) return false;
    const lines: [string, string][] = [];
    if (message.from) lines.push([t.t('reader.from'), shownAddresses([message.from])]);
    if (message.to.length) lines.push([t.t('reader.to'), shownAddresses(message.to)]);
    if (message.cc.length) lines.push([t.t('reader.cc'), shownAddresses(message.cc)]);
    lines.push([t.t('reader.date'), formatFullDate(message.receivedAt, t.locale)]);
    const header = { subject: message.subject || t.t('list.noSubject'), lines };
    setPrinted((p) => ({ n: (p?.n ?? 0) + 1, header }));
    return true;
  };
  const printRef = useRef(print);
  printRef.current = print;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      if (printRef.current()) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A pass that ends means the server answered: what could not be fetched before (the network
  // came back a moment before the worker could use it) is asked for again.
  const lastSynced = useStore(syncStatus)?.lastSynced;

  // Ask the worker for a missing body when we can reach the network, and whenever it returns.
  useEffect(() => {
    if (!bodyKnown || body || !isOnline) return;
    send({ type: 'fetch-body', messageId });
    return onBodyReady((e) => {
      if (e.messageId === messageId && !e.ok) setBodyState({ kind: 'failed', error: e.error });
    });
  }, [messageId, bodyKnown, body === undefined, isOnline, lastSynced]);

  // A draft whose files its body here does not list: once nothing of it waits in the outbox
  // (whose words the server's would overwrite), its body is fetched again, so they show.
  const filesUnlisted = !!message && !!body && draftFilesUnlisted(message, body);
  useEffect(() => {
    if (!filesUnlisted || !isOnline) return;
    void db.outbox.toArray().then((entries) => {
      if (!outboxMessageIds(entries).has(messageId)) send({ type: 'fetch-body', messageId });
    });
  }, [messageId, filesUnlisted, isOnline, lastSynced]);

  // Mark as read after it has been open a moment (Gmail and Outlook wait too), once per opening.
  useEffect(() => {
    if (markReadAfterMs === null) return;
    const timer = setTimeout(async () => {
      const row = await getMessage(db, messageId);
      if (row && row.isRead === 0) await perform({ kind: 'set-read', ids: [row.id], isRead: true }, t, { quiet: true });
    }, markReadAfterMs);
    return () => clearTimeout(timer);
  }, [messageId, markReadAfterMs]);

  // Focus follows the reader when the user opened it (keyboard and screen-reader users land on
  // the subject); browsing the list with j/k leaves focus in the list.
  useEffect(() => {
    if (!message || !focusReaderOnOpen.pending) return;
    focusReaderOnOpen.pending = false;
    heading.current?.focus({ preventScroll: true });
  }, [messageId, message !== undefined]);

  if (!found || found.id !== messageId) return <section class="reader-pane" aria-busy="true" />;
  if (!message) {
    return (
      <section class="reader-pane">
        <p class="pane-note">{t.t('reader.gone')}</p>
      </section>
    );
  }

  let content;
  if (body) content = <MailBody body={body} {...(printed && { print: printed })} />;
  else if (!isOnline)
    content = (
      <p class="pane-note body-missing">
        {t.t(connection.kind === 'paused' ? 'reader.notDownloadedPaused' : 'reader.notDownloaded')}
      </p>
    );
  else if (bodyState.kind === 'failed')
    content = (
      <p class="pane-note body-missing">
        {t.t('reader.downloadFailed', { error: bodyState.error ? syncErrorText(bodyState.error, t) : '' })}
      </p>
    );
  else content = <p class="pane-note">{t.t('reader.downloading')}</p>;

  return (
    <section class="reader-pane" aria-labelledby="reader-subject">
      <div class="reader-bar">
        <button type="button" class="icon-button back" onClick={onBack} title={`${t.t('nav.back')} (u)`}>
          <Icon name="back" />
          <span class="visually-hidden">{t.t('nav.back')}</span>
        </button>
        <MessageToolbar
          message={message}
          commands={commands}
          onPrint={body && (() => void print())}
          download={isOnline && !isLocalId(message.id) ? messageUrl(message.id, message.subject) : undefined}
        />
      </div>
      <header class="reader-header">
        <h2 id="reader-subject" ref={heading} tabIndex={-1}>
          {message.subject || t.t('list.noSubject')}
          <Categories
            names={message.categories}
            label={t.t('list.categories')}
            onPick={commands.showCategory}
            pickTitle={t.t('reader.categorySearch')}
          />
        </h2>
        <dl>
          {/* A draft has no sender until it is sent: it is the user's own. */}
          {(message.from || !message.isDraft) && (
            <div class="address-line">
              <dt>{t.t('reader.from')}</dt>
              <dd class="from">{message.from ? shownAddresses([message.from]) : t.t('list.noSender')}</dd>
            </div>
          )}
          {/* Where a reply goes, when not to the sender: a list, a help desk, or someone posing as one. */}
          <AddressLine
            label={t.t('reader.replyTo')}
            list={(message.replyTo ?? []).filter((a) => a.email.toLowerCase() !== message.from?.email.toLowerCase())}
          />
          <AddressLine label={t.t('reader.to')} list={message.to} />
          <AddressLine label={t.t('reader.cc')} list={message.cc} />
          <div class="address-line">
            <dt>{t.t('reader.date')}</dt>
            <dd>
              <time dateTime={new Date(message.receivedAt).toISOString()}>
                {formatFullDate(message.receivedAt, t.locale)}
              </time>
            </dd>
          </div>
        </dl>
      </header>
      <Conversation message={message} />
      {body && <Attachments id={message.id} body={body} canDownload={isOnline} onOpen={setOpened} />}
      <div class="reader-body">{content}</div>
      {opened && (
        <AttachedEmailView
          url={attachmentUrl(opened, message.id)}
          name={opened.name}
          onClose={() => setOpened(undefined)}
        />
      )}
    </section>
  );
}
