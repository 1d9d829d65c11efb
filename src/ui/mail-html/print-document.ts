import type { BodyRow } from '../../db/index.js';
import { mailDocument } from './mail-document.js';
import { sanitizeMail, type SanitizeOptions } from './sanitize-mail.js';

/** What a printed mail says above its words: its subject, then From, To, Cc and Date as read. */
export interface PrintHeader {
  subject: string;
  /** Label and text of each line, as the reader shows them. */
  lines: readonly (readonly [label: string, text: string])[];
}

/**
 * A message as one document to print: the header, then its words (the HTML sanitized as for the
 * reader, with the same pictures; text as text). Everything from the message goes in as text
 * nodes or through the sanitizer; the document has the reader frame's policy.
 */
export function printDocument(
  header: PrintHeader,
  body: Pick<BodyRow, 'type' | 'content'>,
  options: SanitizeOptions,
): string {
  let fragment: DocumentFragment;
  if (body.type === 'html') fragment = sanitizeMail(body.content, options).fragment;
  else {
    fragment = document.implementation.createHTMLDocument('').createDocumentFragment();
    const text = fragment.ownerDocument.createElement('div');
    text.className = 'tern-plain';
    text.textContent = body.content;
    fragment.append(text);
  }
  const doc = fragment.ownerDocument;
  const top = doc.createElement('header');
  top.id = 'tern-print-header';
  const subject = doc.createElement('h1');
  subject.textContent = header.subject;
  const lines = doc.createElement('dl');
  for (const [label, text] of header.lines) {
    const dt = doc.createElement('dt');
    dt.textContent = label;
    const dd = doc.createElement('dd');
    dd.textContent = text;
    lines.append(dt, dd);
  }
  top.append(subject, lines);
  fragment.prepend(top);
  return mailDocument(fragment, 'print');
}
