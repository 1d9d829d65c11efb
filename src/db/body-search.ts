import type { BodyRow } from './entities.js';
import type { MailDB } from './schema.js';
import { foldText, words } from './terms.js';

// What an HTML body shows is its text: not its style sheets or scripts, nor its tags.
const HIDDEN = /<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi;
const TAG = /<[^>]*>/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function character(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

/** The words a body shows, as plain text: enough to search in, not to display. */
export function bodyText(body: Pick<BodyRow, 'type' | 'content'>): string {
  if (body.type === 'text') return body.content;
  return body.content
    .replace(HIDDEN, ' ')
    .replace(TAG, ' ')
    .replace(ENTITY, (_, dec?: string, hex?: string, name?: string) =>
      dec ? character(Number(dec)) : hex ? character(parseInt(hex, 16)) : NAMED[name!.toLowerCase()]!,
    );
}

/**
 * Offline search of message text: the ids of the bodies stored on this device whose text holds
 * every word of `query` (of two letters or more), anywhere in a word as the server's search finds
 * them, case and accents aside; and how many bodies were read. Every stored body is read: the
 * store keeps a budget of them (the newest of each folder, and those opened lately).
 */
export async function searchBodies(db: MailDB, query: string): Promise<{ ids: string[]; searched: number }> {
  const wanted = [...new Set(words(query).filter((w) => w.length > 1))];
  const ids: string[] = [];
  let searched = 0;
  if (wanted.length === 0) return { ids, searched };
  await db.bodies.each((body) => {
    searched++;
    const text = foldText(bodyText(body));
    if (wanted.every((w) => text.includes(w))) ids.push(body.id);
  });
  return { ids, searched };
}
