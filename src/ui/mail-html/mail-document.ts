/**
 * The iframe's own policy (SECURITY.md §2.5 step 4): nothing loads except inline styles and images
 * that are already here (data:, blob:); remote images the user asked for come in as data: URLs
 * from the Tern server. A srcdoc frame also inherits the app's CSP, so a resource must pass both.
 */
export const MAIL_POLICY = `default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;

// Our defaults for the message document: readable text, images that fit, and a visible frame
// where a blocked image was, so the layout does not collapse.
const BASE_STYLE = `
body { margin: 16px; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24;
  overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-blocked-src] { display: inline-block; min-width: 24px; min-height: 24px; background: #eef1f4;
  outline: 1px dashed #b6bfc8; }
pre, code { white-space: pre-wrap; }
blockquote { margin: 0 0 0 8px; padding-left: 12px; border-left: 3px solid #c7ced6; color: #4a5560; }
table { max-width: 100%; }
details.tern-quoted { margin-top: 12px; }
details.tern-quoted > summary { width: fit-content; padding: 0 6px; border: 1px solid #c7ced6; border-radius: 4px;
  color: #5a6470; font: 13px/1.6 system-ui, sans-serif; cursor: pointer; }
`;

const LIGHT = 'html { color-scheme: light; }\n';

// A mail that chose no colour follows the app into dark mode (its colours are styles.css's). A
// picture keeps a white ground: a logo drawn in black on a transparent one would vanish.
const THEMED_STYLE = `
html { color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e9ed; background: #1d2126; }
  a { color: #8cbcf0; }
  blockquote { border-left-color: #4a5560; color: #a3adb8; }
  details.tern-quoted > summary { border-color: #4a5560; color: #a3adb8; }
  img { background-color: #fff; }
  img[data-blocked-src] { background: #2a2f36; outline-color: #5a6470; }
}
`;

// On paper: always light, the header above the words. The mail's styles apply to the whole
// document, but may not say !important (clean-css drops it), so these win: the header shows, and
// no element of the mail can be drawn over it (none keeps a z-index; the header's is 1).
const PRINT_STYLE = `${LIGHT}body { margin: 0; }
#tern-print-header, #tern-print-header * { all: revert !important; color: #000 !important; visibility: visible !important; }
#tern-print-header { display: block !important; position: relative !important; z-index: 1 !important;
  background: #fff !important; margin: 0 0 16px !important; padding: 0 0 8px !important;
  border-bottom: 1px solid #888 !important; font: 13px/1.4 system-ui, sans-serif !important; }
#tern-print-header h1 { font-size: 18px !important; margin: 0 0 8px !important; }
#tern-print-header dl { display: grid !important; grid-template-columns: max-content 1fr !important; gap: 2px 12px !important; margin: 0 !important; }
#tern-print-header dt { color: #444 !important; }
#tern-print-header dd { margin: 0 !important; }
body :not(#tern-print-header, #tern-print-header *) { z-index: auto !important; }
.tern-plain { white-space: pre-wrap; }
`;

const LOOKS = { light: LIGHT, themed: THEMED_STYLE, print: PRINT_STYLE };

/**
 * Builds the srcdoc of a message in an inert document of our own: our head (policy, referrer,
 * defaults) and the sanitized body, serialized once. Nothing string-based touches the mail's markup.
 * The page is light, as mail is designed, unless the mail chose no colour of its own (`themed`);
 * `print` makes the document that goes to paper.
 */
export function mailDocument(body: DocumentFragment, look: keyof typeof LOOKS = 'light'): string {
  const doc = document.implementation.createHTMLDocument('');
  const csp = doc.createElement('meta');
  csp.httpEquiv = 'Content-Security-Policy';
  csp.content = MAIL_POLICY;
  const referrer = doc.createElement('meta');
  referrer.name = 'referrer';
  referrer.content = 'no-referrer';
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const style = doc.createElement('style');
  style.textContent = BASE_STYLE + LOOKS[look];
  doc.head.replaceChildren(charset, csp, referrer, style);
  doc.body.replaceChildren(doc.importNode(body, true));
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}
