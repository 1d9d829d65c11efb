import type { MessageRow } from './entities.js';
import { foldText, words } from './terms.js';

/**
 * A search as typed, split into its words and Gmail's operators: `from:ada`, `category:Travel`
 * (or `category:"Red category"`), `is:unread`, `is:read`, `is:flagged`, `has:attachment`. The
 * operators test what every message's summary here holds, so they are exact offline; the words are
 * also what the server searches in message text.
 */
export interface SearchQuery {
  /** The query without its operators. */
  text: string;
  /** Words that must each begin a word of the sender's name or address. */
  from: string[];
  /** Category names, compared without case or accents. */
  categories: string[];
  unread?: boolean;
  flagged?: true;
  attachment?: true;
}

const OPERATOR = /(?<=^|\s)(from|category|is|has):(?:"([^"]*)"?|(\S+))/gi;

export function parseSearch(query: string): SearchQuery {
  const out: SearchQuery = { text: '', from: [], categories: [] };
  out.text = query
    .replace(OPERATOR, (whole, key: string, quoted: string | undefined, bare: string | undefined) => {
      const value = (quoted ?? bare ?? '').trim();
      const v = value.toLowerCase();
      switch (key.toLowerCase()) {
        case 'from':
          out.from.push(...words(value));
          return ' ';
        case 'category':
          if (value) out.categories.push(foldText(value));
          return ' ';
        case 'is':
          if (v === 'unread' || v === 'read') out.unread = v === 'unread';
          else if (v === 'flagged') out.flagged = true;
          else return whole;
          return ' ';
        default:
          if (v !== 'attachment' && v !== 'attachments') return whole;
          out.attachment = true;
          return ' ';
      }
    })
    .replace(/\s+/g, ' ')
    .trim();
  return out;
}

/** Whether the query has an operator: otherwise only its words count. */
export const hasOperators = (q: SearchQuery): boolean =>
  q.from.length > 0 || q.categories.length > 0 || q.unread !== undefined || !!q.flagged || !!q.attachment;

/** Whether a message passes the query's operators (its words are tested apart, by the index). */
export function passesOperators(m: MessageRow, q: SearchQuery): boolean {
  if (q.unread !== undefined && (m.isRead === 0) !== q.unread) return false;
  if (q.flagged && m.flag !== 1) return false;
  if (q.attachment && m.hasAttachments !== 1) return false;
  if (q.categories.length) {
    const mine = (m.categories ?? []).map(foldText);
    if (!q.categories.every((c) => mine.includes(c))) return false;
  }
  if (q.from.length) {
    const sender = words(`${m.from?.name ?? ''} ${m.from?.email ?? ''}`);
    if (!q.from.every((w) => sender.some((s) => s.startsWith(w)))) return false;
  }
  return true;
}
