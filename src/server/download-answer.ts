/**
 * How an attachment leaves Tern (SECURITY.md §2.5): always a download, never rendered from our
 * origin. Types a browser could render or run (HTML, XML, SVG, scripts, JSON, any text/*) go out
 * as bytes; `nosniff` keeps the browser from guessing otherwise; the sandbox CSP disarms the
 * document if it is opened anyway; `no-store` keeps mail out of shared and disk caches.
 */
const ACTIVE = /html|xml|svg|javascript|ecmascript|json|text\//i;

// type/subtype as RFC 9110 §8.3.1 tokens; parameters are dropped, and anything else (a value
// with spaces, quotes or line breaks from a sender) is not ours to pass on as a header.
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+/;

/** The Content-Type a download goes out with: the attachment's own when it is inert, else octet-stream. */
export function downloadType(contentType: string | undefined): string {
  const type = contentType?.trim().match(MEDIA_TYPE)?.[0].toLowerCase();
  return type && !ACTIVE.test(type) ? type : 'application/octet-stream';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Bidirectional controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI) never belong in a file name; they are
// how `invoice\u202Efdp.exe` passes for a PDF in a downloads list (Unicode TR 36 §2.1).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `attachment; filename*=UTF-8''…` (RFC 6266 with RFC 8187 encoding), without bidirectional
 * controls. encodeURIComponent leaves
 * `'()*` as they are, and `'` would end the charset part, so those are escaped too.
 * @see https://www.rfc-editor.org/rfc/rfc6266#section-4.3
 * @see https://www.rfc-editor.org/rfc/rfc8187#section-3.2.1
 */
export function downloadDisposition(name: string): string {
  // encodeURIComponent throws on a lone surrogate; one becomes U+FFFD instead.
  const whole = name.replace(LONE_SURROGATE, '\uFFFD').replace(BIDI_CONTROLS, '');
  const encoded = encodeURIComponent(whole).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

/** The download of `bytes` named `name`, with every header SECURITY.md §2.5 asks for. */
export function downloadAnswer(
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  contentType: string | undefined,
): Response {
  return new Response(bytes, {
    headers: {
      'content-type': downloadType(contentType),
      'content-disposition': downloadDisposition(name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': DOWNLOAD_CSP,
      'cache-control': 'no-store',
      'content-length': String(bytes.length),
    },
  });
}

/** A downloaded document gets no script, no plugin, no origin, and may load nothing at all. */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'";
