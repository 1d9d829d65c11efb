import * as qp from 'nodemailer/lib/qp';
import { encodeWords } from 'nodemailer/lib/mime-funcs';
import type { Addr } from '../store/rows.js';

/** A seed message, described directly (the seed knows every property, so it never parses). */
export interface SeedMime {
  from: Addr;
  to: Addr[];
  cc: Addr[];
  subject: string;
  date: number;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string | undefined;
  importance: 'Low' | 'Normal' | 'High';
  text: string;
  html?: string | undefined;
  /** Inline images, referenced from the HTML as cid:. */
  inline: SeedPart[];
  attachments: SeedPart[];
  /** A text/calendar part (meeting requests, calendar items). */
  calendar?: { method: string; ics: string } | undefined;
}

export interface SeedPart {
  name: string;
  contentType: string;
  contentId?: string;
  content: Buffer;
}

const CRLF = '\r\n';
const ASCII = /^[\x20-\x7e]*$/;

function address(a: Addr): string {
  if (!a.name) return a.email;
  if (!ASCII.test(a.name)) return `${encodeWords(a.name, 'Q', 52, true)} <${a.email}>`;
  return /[^\w !#$%&'*+\-/=?^`{|}~.]/.test(a.name)
    ? `"${a.name.replace(/["\\]/g, '\\$&')}" <${a.email}>`
    : `${a.name} <${a.email}>`;
}

const header = (value: string) => (ASCII.test(value) ? value : encodeWords(value, 'Q', 52, true));
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
const base64 = (b: Buffer) => b.toString('base64').replace(/.{76}(?=.)/g, `$&${CRLF}`);

interface Part {
  headers: string[];
  body: string;
}

const textPart = (type: string, s: string): Part => ({
  headers: [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable'],
  body: qp.wrap(qp.encode(s.replace(/\r?\n/g, CRLF)), 76),
});

const filePart = (p: SeedPart, inline: boolean): Part => ({
  headers: [
    `Content-Type: ${p.contentType}; name="${p.name}"`,
    'Content-Transfer-Encoding: base64',
    ...(p.contentId ? [`Content-ID: <${p.contentId}>`] : []),
    `Content-Disposition: ${inline ? 'inline' : 'attachment'}; filename="${p.name}"`,
  ],
  body: base64(p.content),
});

// Each subtype occurs once per message, so subtype and Message-ID make a unique boundary.
function multipart(subtype: string, parts: Part[], seed: string): Part {
  const b = `----=_Tern_${subtype}_${seed}`;
  const body =
    parts.map((p) => `--${b}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}${p.body}${CRLF}`).join('') + `--${b}--`;
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${b}"`], body };
}

/**
 * The MIME source of a seed message: text, or text and HTML as alternatives, HTML with its
 * inline images as multipart/related, a calendar part for invitations, attachments in a
 * multipart/mixed around it. Quoted-printable text, base64 files, RFC 2047 headers.
 */
export function buildMime(m: SeedMime): Buffer {
  const seed = m.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  let content: Part = textPart('text/plain', m.text);
  if (m.html !== undefined) {
    let html: Part = textPart('text/html', m.html);
    if (m.inline.length) html = multipart('related', [html, ...m.inline.map((p) => filePart(p, true))], seed);
    const alternatives = [content, html];
    if (m.calendar)
      alternatives.push({
        headers: [
          `Content-Type: text/calendar; charset=utf-8; method=${m.calendar.method}`,
          'Content-Transfer-Encoding: quoted-printable',
        ],
        body: qp.wrap(qp.encode(m.calendar.ics), 76),
      });
    content = multipart('alternative', alternatives, seed);
  }
  if (m.attachments.length)
    content = multipart('mixed', [content, ...m.attachments.map((p) => filePart(p, false))], seed);
  const head = [
    `From: ${address(m.from)}`,
    ...(m.to.length ? [`To: ${m.to.map(address).join(', ')}`] : []),
    ...(m.cc.length ? [`Cc: ${m.cc.map(address).join(', ')}`] : []),
    `Subject: ${header(m.subject)}`,
    `Date: ${rfc2822(m.date)}`,
    `Message-ID: ${m.messageId}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...(m.importance === 'High'
      ? ['X-Priority: 1', 'Importance: high']
      : m.importance === 'Low'
        ? ['X-Priority: 5', 'Importance: low']
        : []),
    'MIME-Version: 1.0',
    ...content.headers,
  ];
  return Buffer.from(`${head.join(CRLF)}${CRLF}${CRLF}${content.body}${CRLF}`, 'utf8');
}
