import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Address, BodyRow } from '../../db/index.js';
import { Dialog } from '../components/dialog.js';
import { shownAddresses } from '../compose/address.js';
import { plainFileName } from '../format/bidi.js';
import { formatFullDate } from '../format/relative-date.js';
import { useI18n } from '../i18n/use-i18n.js';
import { AttachedEmailError, fetchAttachedEmail, type AttachedEmail } from '../mail-html/attached-email.js';
import { listedFiles } from '../mail-html/body-pictures.js';
import { inlinePartsOf } from '../mail-html/inline-parts.js';
import { AttachmentItem, AttachmentList } from './attachment-list.js';
import { MailBody } from './mail-body.js';
import '../i18n/views.js';

type State = { kind: 'opening' } | { kind: 'open'; email: AttachedEmail } | { kind: 'failed'; reason: string };

function Line({ label, list }: { label: string; list: Address[] }) {
  if (list.length === 0) return null;
  return (
    <div class="address-line">
      <dt>{label}</dt>
      <dd>{shownAddresses(list)}</dd>
    </div>
  );
}

/** Its files (not the pictures its text shows), saved from the bytes already here; a download, never shown in the page. */
function Files({ email }: { email: AttachedEmail }) {
  const t = useI18n();
  const files = useMemo(() => listedFiles(email.files, email.body), [email]);
  const urls = useMemo(
    () => files.map((f) => URL.createObjectURL(new Blob([f.bytes], { type: 'application/octet-stream' }))),
    [files],
  );
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  if (files.length === 0) return null;
  return (
    <AttachmentList>
      {files.map((f, i) => (
        <AttachmentItem key={i} name={f.name} size={f.bytes.byteLength} type={f.type}>
          <a class="button" href={urls[i]} download={plainFileName(f.name)}>
            {t.t('reader.download')}
          </a>
        </AttachmentItem>
      ))}
    </AttachmentList>
  );
}

/**
 * An email attached to a message, opened in place: fetched through the Tern server like its
 * download, read with postal-mime, shown as the reader shows mail (its HTML sanitized, in a
 * sandboxed frame). Nothing of it is stored.
 */
export default function AttachedEmailView({ url, name, onClose }: { url: string; name: string; onClose(): void }) {
  const t = useI18n();
  const [state, setState] = useState<State>({ kind: 'opening' });
  useEffect(() => {
    let live = true;
    fetchAttachedEmail(url).then(
      (email) => live && setState({ kind: 'open', email }),
      (err: unknown) => {
        if (!live) return;
        const reason = err instanceof AttachedEmailError ? err.message : String(err);
        setState({ kind: 'failed', reason: t.t('attached.failed', { reason }) });
      },
    );
    return () => {
      live = false;
    };
  }, [url]);

  const email = state.kind === 'open' ? state.email : undefined;
  const [parts, setParts] = useState<ReadonlyMap<string, string> | undefined>(undefined);
  useEffect(() => {
    if (!email) return;
    let live = true;
    void inlinePartsOf(email.files.filter((f) => f.isInline)).then((p) => live && setParts(p));
    return () => {
      live = false;
    };
  }, [email]);
  const body: BodyRow | undefined = email && {
    id: `attached:${url}`,
    type: email.body.type,
    content: email.body.content,
    attachments: [],
    fetchedAt: 0,
    size: email.body.content.length,
  };
  return (
    <Dialog title={email ? email.subject || t.t('list.noSubject') : name} onClose={onClose} class="attached-email">
      {state.kind === 'opening' && <p class="pane-note">{t.t('attached.opening')}</p>}
      {state.kind === 'failed' && (
        <p class="pane-note" role="alert">
          {state.reason}
        </p>
      )}
      {email && body && (
        <>
          <dl class="attached-header">
            {email.from && <Line label={t.t('reader.from')} list={[email.from]} />}
            <Line label={t.t('reader.to')} list={email.to} />
            <Line label={t.t('reader.cc')} list={email.cc} />
            {email.date !== undefined && (
              <div class="address-line">
                <dt>{t.t('reader.date')}</dt>
                <dd>
                  <time dateTime={new Date(email.date).toISOString()}>{formatFullDate(email.date, t.locale)}</time>
                </dd>
              </div>
            )}
          </dl>
          <Files email={email} />
          <div class="reader-body">{parts && <MailBody body={body} parts={parts} />}</div>
        </>
      )}
      <footer class="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t.t('action.close')}
        </button>
      </footer>
    </Dialog>
  );
}
