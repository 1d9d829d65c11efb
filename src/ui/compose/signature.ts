import type { MailDB } from '../../db/index.js';
import type { ComposeMode } from './compose-state.js';

/**
 * The words that close what the user writes. Kept in the mailbox's own store (`meta`), not with
 * the settings in localStorage: it belongs to the account, and only the composer and the settings
 * dialog, which load later, read it.
 */
export interface Signature {
  text: string;
  /** Also under replies and forwards (above the quoted message), not only new messages. */
  onReplies: boolean;
}

const KEY = 'signature';
/** Longer than any signature people write, short enough never to weigh on a message. */
export const SIGNATURE_MAX = 2000;
export const NO_SIGNATURE: Signature = { text: '', onReplies: true };

/** The stored signature, or none; a malformed entry counts as none. */
export async function readSignature(db: MailDB): Promise<Signature> {
  const v = (await db.meta.get(KEY))?.value as Partial<Signature> | undefined;
  if (!v || typeof v.text !== 'string') return NO_SIGNATURE;
  return { text: v.text.slice(0, SIGNATURE_MAX), onReplies: v.onReplies !== false };
}

export async function saveSignature(db: MailDB, s: Signature): Promise<void> {
  await db.meta.put({ key: KEY, value: { text: s.text.slice(0, SIGNATURE_MAX), onReplies: s.onReplies } });
}

/**
 * The body a message starts with: the signature under the "-- " line mail programs recognise
 * (RFC 3676, so a reply can leave it out), above a reply's or a forward's quoted message and
 * below the blank lines where writing starts.
 */
export function withSignature(body: string, mode: ComposeMode, s: Signature): string {
  const text = s.text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (!text.trim() || (mode !== 'new' && !s.onReplies)) return body;
  return `\n\n-- \n${text}${body.replace(/^\n+/, '\n\n')}`;
}
