import type { Address, MessageRow } from '../../db/index.js';
import { formatFullDate } from '../format/relative-date.js';
import type { Translator } from '../i18n/translate.js';
import { displayName, formatAddressList } from './address.js';
import type { ComposeMode } from './compose-state.js';
import '../i18n/views.js';

export interface ComposeFields {
  to: string;
  cc: string;
  subject: string;
  body: string;
}

// Reply and forward prefixes mail clients add, in the languages our users write in
// (Outlook FR writes "RE :" and "TR :").
const REPLY_PREFIX = /^\s*(?:re|aw|sv|réf?)\s*:/i;
const FORWARD_PREFIX = /^\s*(?:fwd?|tr|wg)\s*:/i;

export function replySubject(subject: string): string {
  return REPLY_PREFIX.test(subject) ? subject : `Re: ${subject}`;
}

export function forwardSubject(subject: string): string {
  return FORWARD_PREFIX.test(subject) ? subject : `Fwd: ${subject}`;
}

export function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
}

function without(list: Address[], drop: (a: Address) => boolean): Address[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.email.toLowerCase();
    if (drop(a) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The fields of a reply, reply-all or forward: recipients (never yourself on reply-all),
 * prefixed subject, and the original quoted under a header, the way Gmail and Outlook write it.
 */
export function composeFields(
  mode: Exclude<ComposeMode, 'new'>,
  source: MessageRow,
  sourceText: string,
  me: string | null,
  t: Translator,
): ComposeFields {
  const isMe = (a: Address) => me !== null && a.email.toLowerCase() === me.toLowerCase();
  const date = formatFullDate(source.sentAt ?? source.receivedAt, t.locale);
  if (mode === 'forward') {
    const header = [
      t.t('compose.forwardHeader'),
      `${t.t('reader.from')}: ${source.from ? formatAddressList([source.from]) : ''}`,
      `${t.t('reader.date')}: ${date}`,
      `${t.t('compose.subject')}: ${source.subject}`,
      `${t.t('reader.to')}: ${formatAddressList(source.to)}`,
      ...(source.cc.length ? [`${t.t('reader.cc')}: ${formatAddressList(source.cc)}`] : []),
    ].join('\n');
    return { to: '', cc: '', subject: forwardSubject(source.subject), body: `\n\n${header}\n\n${sourceText}` };
  }
  const from = source.from ? [source.from] : [];
  // Replying to your own sent message goes to its recipients, as in Gmail; to anyone else's, where
  // its sender asked replies to go (Reply-To: a list, a help desk), else to the sender.
  const primary = from.every(isMe) && source.to.length > 0 ? source.to : source.replyTo?.length ? source.replyTo : from;
  const to = mode === 'reply-all' ? without([...primary, ...source.to], isMe) : without(primary, () => false);
  const cc = mode === 'reply-all' ? without(source.cc, (a) => isMe(a) || to.some((x) => x.email === a.email)) : [];
  const header = t.t('compose.quoteHeader', { date, sender: displayName(source.from) || t.t('list.noSender') });
  return {
    to: formatAddressList(to),
    cc: formatAddressList(cc),
    subject: replySubject(source.subject),
    body: `\n\n${header}\n${quote(sourceText)}`,
  };
}
