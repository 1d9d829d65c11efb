import PostalMime, { type Address as MimeAddress } from 'postal-mime';
import type { Address } from '../../db/index.js';

/** An email attached to a message, read from its MIME source for showing (never stored). */
export interface AttachedEmail {
  subject: string;
  from?: Address;
  to: Address[];
  cc: Address[];
  /** The Date header, ms; absent when it is missing or unreadable. */
  date?: number;
  body: { type: 'html' | 'text'; content: string };
  /** Its own attachments, with their bytes; `isInline` ones may be pictures of the HTML (by `contentId`). */
  files: { name: string; type: string; bytes: ArrayBuffer; contentId?: string; isInline: boolean }[];
}

/** Why an attached email could not be shown: the server's sentence, or that it could not be read. */
export class AttachedEmailError extends Error {
  override name = 'AttachedEmailError';
}

const addresses = (list: MimeAddress[] | undefined): Address[] =>
  (list ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .flatMap((m) => (m.address ? [{ name: m.name, email: m.address }] : []));

/** Parses an email's MIME source with postal-mime (nesting limited, as on the server). */
export async function readAttachedEmail(source: ArrayBuffer): Promise<AttachedEmail> {
  let email;
  try {
    // An email it carries in turn is one of its files, as the server keeps them, never merged into its body.
    email = await PostalMime.parse(source, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: 64,
      forceRfc822Attachments: true,
    });
  } catch (e) {
    throw new AttachedEmailError(e instanceof Error ? e.message : String(e));
  }
  const date = email.date ? Date.parse(email.date) : NaN;
  const [from] = addresses(email.from ? [email.from] : []);
  return {
    subject: email.subject ?? '',
    ...(from && { from }),
    to: addresses(email.to),
    cc: addresses(email.cc),
    ...(!Number.isNaN(date) && { date }),
    // postal-mime keeps the line end before the closing boundary; it is not the sender's.
    body:
      email.html !== undefined
        ? { type: 'html', content: email.html.replace(/\r?\n$/, '') }
        : { type: 'text', content: (email.text ?? '').replace(/\r?\n$/, '') },
    files: email.attachments.map((a, i) => ({
      name: a.filename ?? `attachment-${i + 1}${a.mimeType === 'message/rfc822' ? '.eml' : ''}`,
      type: a.mimeType,
      bytes: a.content as ArrayBuffer,
      ...(a.contentId && { contentId: a.contentId }),
      isInline: !!a.contentId && (a.disposition === 'inline' || !!a.related),
    })),
  };
}

/**
 * Downloads an attached email through the Tern server (the same address as its Download link)
 * and reads it. A refusal (offline, gone, busy) throws with the server's own sentence.
 */
export async function fetchAttachedEmail(url: string): Promise<AttachedEmail> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new AttachedEmailError((await res.text()).trim() || `HTTP ${res.status}`);
  return readAttachedEmail(await res.arrayBuffer());
}
