import { useEffect, useRef, useState } from 'preact/hooks';
import type { BodyRow } from '../../db/index.js';
import { codeGone } from '../components/lazy.js';
import { useConnection } from '../hooks/use-connection.js';
import { mayUseNetwork } from '../connection.js';
import { useI18n } from '../i18n/use-i18n.js';
import { loadInlineParts } from '../mail-html/inline-parts.js';
import { loadRemoteImages } from '../mail-html/remote-images.js';
import { clipBody } from '../mail-html/clip-body.js';
import { linkify } from '../mail-html/linkify.js';
import { splitQuotedTail } from '../mail-html/quoted-tail.js';
import { formatFileSize } from '../format/file-size.js';
import type { PrintHeader, RenderedMail } from '../mail-html/render-mail.js';
import '../i18n/views.js';

const NO_INLINE_PARTS: ReadonlyMap<string, string> = new Map();

/** A request to print the message shown: `n` counts the requests, so each one prints once. */
export interface PrintRequest {
  n: number;
  header: PrintHeader;
}

/** Prints the body each time a new request comes, with the pictures shown on screen. */
function usePrint(
  body: BodyRow,
  print: PrintRequest | undefined,
  images: { remote: ReadonlyMap<string, string>; inline: ReadonlyMap<string, string> },
) {
  const t = useI18n();
  const done = useRef(print?.n ?? 0);
  useEffect(() => {
    if (!print || print.n === done.current) return;
    done.current = print.n;
    import('../mail-html/render-mail.js').then(
      ({ printMail }) => printMail(print.header, body, images),
      () => codeGone(t),
    );
  }, [print?.n]);
}

/** Text as text nodes (never an HTML string), with links as real `<a>` elements. */
function Linked({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((piece, i) =>
        'href' in piece ? (
          <a key={i} href={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

/**
 * Plain text. The message it answers, quoted at its end, is folded under a disclosure, as Gmail
 * and Outlook do: a conversation reads as its new words. Printing shows it all.
 */
function PlainBody({ body, text, print }: { body: BodyRow; text: string; print?: PrintRequest | undefined }) {
  const t = useI18n();
  usePrint(body, print, { remote: NO_INLINE_PARTS, inline: NO_INLINE_PARTS });
  const tail = splitQuotedTail(text);
  return (
    <div class="plain-body">
      <Linked text={tail ? tail.written : text} />
      {tail && (
        <details class="quoted-tail">
          <summary>{t.t('reader.quoted')}</summary>
          <Linked text={tail.quoted} />
        </details>
      )}
    </div>
  );
}

/**
 * HTML mail in a sandboxed srcdoc iframe without allow-scripts (popups only, so links open in a new
 * tab), under the document's own CSP; remote images wait for "Show images".
 */
function HtmlBody({
  body,
  html,
  parts,
  print,
}: {
  body: BodyRow;
  /** What to show: the body's HTML, or its beginning. */
  html: string;
  parts?: ReadonlyMap<string, string> | undefined;
  print?: PrintRequest | undefined;
}) {
  const t = useI18n();
  const isOnline = mayUseNetwork(useConnection());
  const [remoteImages, setRemoteImages] = useState(false);
  const [inline, setInline] = useState<ReadonlyMap<string, string>>(NO_INLINE_PARTS);
  // Remote images come only through the server, once the user asks ("Show images").
  const [remote, setRemote] = useState<ReadonlyMap<string, string>>(NO_INLINE_PARTS);
  const [loadingImages, setLoadingImages] = useState(false);
  const [rendered, setRendered] = useState<{ mail: RenderedMail; n: number } | undefined>(undefined);
  const [codeMissing, setCodeMissing] = useState(false);
  const renders = useRef(0);
  const messageId = body.id;
  usePrint(body, print, { remote, inline });

  useEffect(() => {
    setRemoteImages(false);
    setInline(NO_INLINE_PARTS);
    setRemote(NO_INLINE_PARTS);
    setLoadingImages(false);
    setRendered(undefined);
  }, [messageId]);

  // cid: images are the message's own parts, not remote content: fetched when we can, no consent.
  useEffect(() => {
    if (parts) return void setInline(parts);
    if (!isOnline || !body.attachments.some((a) => a.contentId)) return;
    let live = true;
    void loadInlineParts(messageId, body.attachments).then((parts) => live && parts.size > 0 && setInline(parts));
    return () => {
      live = false;
    };
  }, [messageId, isOnline, parts]);

  // After "Show images": the blocked ones, fetched by the server, and again if the network returns.
  const blockedUrls = rendered?.mail.blockedUrls;
  useEffect(() => {
    if (!remoteImages || !isOnline || !blockedUrls?.length) return;
    let live = true;
    setLoadingImages(true);
    void loadRemoteImages(blockedUrls).then((images) => {
      if (!live) return;
      setLoadingImages(false);
      if (images.size > 0) setRemote((had) => new Map([...had, ...images]));
    });
    return () => {
      live = false;
    };
  }, [messageId, remoteImages, isOnline]);

  useEffect(() => {
    let live = true;
    import('../mail-html/render-mail.js').then(
      ({ renderMail }) => {
        if (live)
          setRendered({ mail: renderMail(html, { remote, inline }, t.t('reader.quoted')), n: ++renders.current });
      },
      () => {
        if (!live) return;
        setCodeMissing(true);
        codeGone(t);
      },
    );
    return () => {
      live = false;
    };
  }, [html, remote, inline]);

  if (!rendered) return <p class="pane-note">{t.t(codeMissing ? 'update.partGone' : 'reader.sanitizing')}</p>;
  return (
    <>
      {rendered.mail.blockedImages > 0 && !remoteImages && (
        <div class="images-blocked" role="note">
          <span>{t.t('reader.imagesBlocked')}</span>
          <button type="button" onClick={() => setRemoteImages(true)}>
            {t.t('reader.showImages')}
          </button>
        </div>
      )}
      {remoteImages && (loadingImages || !isOnline) && rendered.mail.blockedImages > 0 && (
        <div class="images-blocked" role="status">
          <span>{t.t(isOnline ? 'reader.imagesLoading' : 'reader.imagesOffline')}</span>
        </div>
      )}
      {/* A new frame for each rendering, made with its document: Chromium can leave a frame blank
          whose srcdoc changes while the first one still loads (an inline picture arriving). */}
      <iframe
        key={rendered.n}
        class="mail-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
        title={t.t('reader.frameTitle')}
        // A TrustedHTML under the app's CSP; Preact sets it as the property, which takes one.
        srcdoc={rendered.mail.srcdoc as string}
      />
    </>
  );
}

/**
 * `parts`: the message's `cid:` images when they are here already (an attached email's);
 * `print`: a request to print it, whole, with the pictures shown. A very long body shows its
 * beginning until the reader asks for the rest (`clipBody`).
 */
export function MailBody({
  body,
  parts,
  print,
}: {
  body: BodyRow;
  parts?: ReadonlyMap<string, string>;
  print?: PrintRequest;
}) {
  const t = useI18n();
  const [wholeId, setWholeId] = useState<string | undefined>(undefined);
  const clipped = wholeId === body.id ? undefined : clipBody(body.content, body.type);
  const shown = clipped ?? body.content;
  return (
    <>
      {clipped !== undefined && (
        <div class="body-note" role="note">
          <span>{t.t('reader.clipped', { size: formatFileSize(body.content.length, t.locale) })}</span>
          <button type="button" onClick={() => setWholeId(body.id)}>
            {t.t('reader.showWhole')}
          </button>
        </div>
      )}
      {body.type === 'html' ? (
        <HtmlBody body={body} html={shown} parts={parts} print={print} />
      ) : (
        <PlainBody body={body} text={shown} print={print} />
      )}
    </>
  );
}
