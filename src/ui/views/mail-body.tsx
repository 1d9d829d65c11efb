import { useEffect, useState } from 'preact/hooks';
import type { BodyRow } from '../../db/index.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkify } from '../mail-html/linkify.js';
import type { RenderedMail } from '../mail-html/render-mail.js';

// Inline parts are not stored on the device yet (BodyRow keeps attachment metadata only), so
// every cid: image is shown as blocked rather than fetched.
const NO_INLINE_PARTS: ReadonlyMap<string, string> = new Map();

/** Plain text, escaped by being text nodes, with links as real `<a>` elements (never an HTML string). */
function PlainBody({ text }: { text: string }) {
  return (
    <div class="plain-body">
      {linkify(text).map((piece, i) =>
        'href' in piece ? (
          <a key={i} href={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </div>
  );
}

/**
 * HTML mail in a sandboxed srcdoc iframe without allow-scripts (popups only, so links open in a new
 * tab), under the document's own CSP; remote images wait for "Show images".
 */
function HtmlBody({ html, messageId }: { html: string; messageId: string }) {
  const t = useI18n();
  const [remoteImages, setRemoteImages] = useState(false);
  const [rendered, setRendered] = useState<RenderedMail | undefined>(undefined);

  useEffect(() => setRemoteImages(false), [messageId]);

  useEffect(() => {
    let live = true;
    setRendered(undefined);
    void import('../mail-html/render-mail.js').then(({ renderMail }) => {
      if (live) setRendered(renderMail(html, { remoteImages, inline: NO_INLINE_PARTS }));
    });
    return () => {
      live = false;
    };
  }, [html, remoteImages]);

  if (!rendered) return <p class="pane-note">{t.t('reader.sanitizing')}</p>;
  return (
    <>
      {rendered.blockedImages > 0 && !remoteImages && (
        <div class="images-blocked" role="note">
          <span>{t.t('reader.imagesBlocked')}</span>
          <button type="button" onClick={() => setRemoteImages(true)}>
            {t.t('reader.showImages')}
          </button>
        </div>
      )}
      <iframe
        key={`${messageId}:${remoteImages}`}
        class="mail-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
        title={t.t('reader.frameTitle')}
        srcdoc={rendered.srcdoc}
      />
    </>
  );
}

export function MailBody({ body }: { body: BodyRow }) {
  return body.type === 'html' ? (
    <HtmlBody html={body.content} messageId={body.id} />
  ) : (
    <PlainBody text={body.content} />
  );
}
