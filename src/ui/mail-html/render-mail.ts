import type { TrustedHTML } from 'trusted-types/lib';
import { frameDocument } from './frame-html.js';
import { choosesColours } from './mail-colours.js';
import { mailDocument } from './mail-document.js';
import { sanitizeMail, type SanitizeOptions } from './sanitize-mail.js';

export interface RenderedMail {
  /** The whole document for the sandboxed iframe's srcdoc (a TrustedHTML where the browser has them). */
  srcdoc: TrustedHTML | string;
  blockedImages: number;
  /** The blocked remote images' addresses, for "Show images" to fetch through the server. */
  blockedUrls: string[];
}

/**
 * The one boundary where mail HTML becomes something the page shows: sanitized (DOMPurify, our
 * hooks) and wrapped in a document with its own CSP. Loaded on demand, with DOMPurify, so the
 * first load of the app stays small.
 */
export function renderMail(html: string, options: SanitizeOptions): RenderedMail {
  const { fragment, blockedImages, blockedUrls } = sanitizeMail(html, options);
  const srcdoc = frameDocument(mailDocument(fragment, { themed: !choosesColours(fragment) }));
  return { srcdoc, blockedImages, blockedUrls };
}
