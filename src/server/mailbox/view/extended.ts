import { ewsDate } from '../context.js';
import type { Counts } from '../store/folders.js';
import type { FolderRow, ItemRow } from '../store/rows.js';
import { readHeaders } from '../mime/headers.js';

/** What an item's computed properties may read beyond its row. */
export interface ItemExtras {
  mime?: Buffer | undefined;
  bodyText?: string | undefined;
  /** The value a client stored under the same key, if any. */
  stored?: string | string[] | undefined;
}

type Value = string | string[] | undefined;
const bool = (n: number) => (n ? 'true' : 'false');
const normalized = (s: string) => s.replace(/^((re|fw|fwd|tr|aw|wg|sv|rv)\s*:\s*)+/i, '');

/**
 * MAPI properties DavMail (and others) read, computed from the columns. Values are the strings
 * EWS writes for the property type: Integer as decimal, SystemTime as xs:dateTime, Boolean as
 * true/false, Binary as base64.
 * @see https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/mapi-properties
 */
const ITEM: Record<string, (r: ItemRow, x: ItemExtras) => Value> = {
  'tag:0x37': (r) => r.subject,
  'tag:0xe1d': (r) => normalized(r.subject),
  'tag:0x1a': (r) => r.item_class,
  'tag:0xe23': (r) => String(r.article),
  'tag:0xe07': (r) => String(r.is_read | (r.is_draft * 8) | (r.has_attachments * 16)),
  'tag:0xe08': (r) => String(r.size),
  'tag:0xe06': (r) => ewsDate(r.received),
  'tag:0x39': (r) => (r.sent === null ? undefined : ewsDate(r.sent)),
  'tag:0x3007': (r) => ewsDate(r.created),
  'tag:0x3008': (r) => ewsDate(r.modified),
  'tag:0xff9': (r) => recordKey(r.id),
  'tag:0x7d': (_r, x) => (x.mime ? headerText(x.mime) : undefined),
  'tag:0x1090': (r) => (r.flag_status === 1 ? '2' : r.flag_status === 2 ? '1' : undefined),
  'tag:0xe1b': (r) => bool(r.has_attachments),
  'tag:0x1000': (_r, x) => x.bodyText,
  'tag:0x1035': (r) => r.internet_message_id ?? undefined,
  'tag:0xc1a': (r) => r.sender_name ?? r.from_name ?? undefined,
  'tag:0x42': (r) => r.from_name ?? undefined,
  'tag:0xe04': (r) => display(r.to_json),
  'tag:0xe03': (r) => display(r.cc_json),
  // PR_URL_COMP_NAME: DavMail sets it on APPEND; otherwise Exchange derives it from the subject.
  'tag:0x10f3': (r, x) =>
    x.stored ?? `${(normalized(r.subject) || 'item').replace(/[\\/:*?"<>|]+/g, '_').slice(0, 200)}.EML`,
  'name:PublicStrings:Keywords': (r) => {
    const c = JSON.parse(r.categories) as string[];
    return c.length ? c : undefined;
  },
};

/** The item's value for an extended property key: computed, stored by a client, or a MIME header. */
export function itemExtended(key: string, r: ItemRow, x: ItemExtras): Value {
  const computed = ITEM[key];
  if (computed) return computed(r, x);
  if (x.stored !== undefined) return x.stored;
  if (key.startsWith('name:InternetHeaders:') && x.mime) {
    const name = key.slice('name:InternetHeaders:'.length);
    return readHeaders(x.mime).find((h) => h.name.toLowerCase() === name)?.value;
  }
  return undefined;
}

/** Keys whose value needs the MIME source or the body loaded. */
export const needsMime = (key: string) => key === 'tag:0x7d' || key.startsWith('name:InternetHeaders:');
export const needsBody = (key: string) => key === 'tag:0x1000';

/** The properties the store maps onto columns, so a client cannot shadow them with a stored copy. */
export const isComputedItemKey = (key: string) => key in ITEM;

function recordKey(id: number): string {
  const b = Buffer.alloc(8);
  b.writeUIntBE(id, 2, 6);
  return b.toString('base64');
}

function headerText(mime: Buffer): string {
  return readHeaders(mime)
    .map((h) => `${h.name}: ${h.value}`)
    .join('\r\n');
}

function display(json: string): string | undefined {
  const list = JSON.parse(json) as { name?: string; email: string }[];
  return list.length ? list.map((a) => a.name || a.email).join('; ') : undefined;
}

/** What a folder's computed properties read beyond its row. */
export interface FolderExtras {
  counts: Counts;
  children: number;
}

const FOLDER: Record<string, (f: FolderRow, x: FolderExtras) => Value> = {
  'tag:0x3001': (f) => f.name,
  'tag:0x3613': (f) => f.folder_class ?? undefined,
  'tag:0x3602': (_f, x) => String(x.counts.total),
  'tag:0x3603': (_f, x) => String(x.counts.unread),
  'tag:0x360a': (_f, x) => bool(x.children),
  // PR_LOCAL_COMMIT_TIME_MAX: DavMail's "did anything in this folder change" stamp.
  'tag:0x670a': (f) => ewsDate(f.contents_modified),
  'tag:0x6751': (f) => String(f.next_article),
  'tag:0x6752': (f) => String(f.next_article - 1),
  'tag:0x3008': (f) => ewsDate(Math.max(f.modified, f.contents_modified)),
  'tag:0x10f3': (f) => f.name,
};

export function folderExtended(key: string, f: FolderRow, x: FolderExtras): Value {
  return FOLDER[key]?.(f, x);
}
