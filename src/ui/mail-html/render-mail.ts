import type { TrustedHTML } from 'trusted-types/lib';
import type { BodyRow } from '../../db/index.js';
import { foldQuotedTail } from './fold-quote.js';
import { frameDocument } from './frame-html.js';
import { choosesColours } from './mail-colours.js';
import { mailDocument } from './mail-document.js';
import { printDocument, type PrintHeader } from './print-document.js';
import { sanitizeMail, type SanitizeOptions } from './sanitize-mail.js';

export type { PrintHeader } from './print-document.js';

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
export function renderMail(html: string, options: SanitizeOptions, quotedLabel?: string): RenderedMail {
  const { fragment, blockedImages, blockedUrls } = sanitizeMail(html, options);
  // The reader folds a reply's quoted history (`quotedLabel` names the fold); paper shows it all.
  if (quotedLabel !== undefined) foldQuotedTail(fragment, quotedLabel);
  const srcdoc = frameDocument(mailDocument(fragment, choosesColours(fragment) ? 'light' : 'themed'));
  return { srcdoc, blockedImages, blockedUrls };
}

/**
 * Prints a message: its document (see printDocument) goes into a hidden frame of its own, which
 * this page prints. The frame is same-origin, so the page can call its print(), and sandboxed
 * without scripts, forms or popups: nothing of the mail runs there either.
 */
export function printMail(
  header: PrintHeader,
  body: Pick<BodyRow, 'type' | 'content'>,
  options: SanitizeOptions,
): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.className = 'print-frame';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.addEventListener('load', () => {
    frame.contentWindow?.print();
    // print() returns once the dialog is closed.
    frame.remove();
  });
  frame.srcdoc = frameDocument(printDocument(header, body, options)) as string;
  document.body.append(frame);
}
