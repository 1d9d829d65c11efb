import type { ExtendedFieldURI, Flag, Item, Mailbox } from '../../../ews/index.js';
import { EwsFail } from '../errors.js';
import { isMultiValued, propKey } from '../prop-key.js';
import type { Addr, ItemRow, ItemValues } from '../store/rows.js';
import { htmlToText, previewOf } from '../text.js';
import { isComputedItemKey } from '../view/extended.js';
import { topicOf, type PropValue } from './new-message.js';

/** What an UpdateItem (or the properties beside a CreateItem) change on one item. */
export interface Patch {
  set: Partial<ItemValues>;
  props: PropValue[];
  unset: string[];
  /** A property that lives in the MIME changed: a draft's MIME is composed again. */
  mime: boolean;
  /** The request's time (flag completion dates). */
  now: number;
}

export const emptyPatch = (now: number): Patch => ({ set: {}, props: [], unset: [], mime: false, now });

const FLAG_STATUS = { NotFlagged: 0, Flagged: 1, Complete: 2 } as const;
const ms = (s: string | undefined) => {
  const t = s === undefined ? NaN : Date.parse(s);
  return Number.isNaN(t) ? null : t;
};

const toAddrs = (list: Mailbox[] | undefined): Addr[] =>
  (list ?? []).flatMap((m) =>
    m.emailAddress ? [m.name ? { name: m.name, email: m.emailAddress } : { email: m.emailAddress }] : [],
  );

type FieldWriter = (p: Patch, item: Item, row: ItemRow | undefined, append: boolean) => void;

const recipients =
  (
    column: 'to_json' | 'cc_json' | 'bcc_json' | 'reply_to_json',
    key: 'toRecipients' | 'ccRecipients' | 'bccRecipients' | 'replyTo',
  ): FieldWriter =>
  (p, item, row, append) => {
    const before = append && row ? (JSON.parse(row[column]) as Addr[]) : [];
    p.set[column] = JSON.stringify([...before, ...toAddrs(item[key])]);
    p.mime = true;
  };

export function setBody(p: Patch, type: 'HTML' | 'Text', value: string): void {
  const text = type === 'HTML' ? htmlToText(value) : value;
  p.set.body_html = type === 'HTML' ? value : null;
  p.set.body_text = text;
  p.set.preview = previewOf(text);
  p.mime = true;
}

export function setFlag(p: Patch, f: Flag, now: number): void {
  p.set.flag_status = FLAG_STATUS[f.flagStatus];
  p.set.flag_start = f.flagStatus === 'Flagged' ? ms(f.startDate) : null;
  p.set.flag_due = f.flagStatus === 'Flagged' ? ms(f.dueDate) : null;
  p.set.flag_complete = f.flagStatus === 'Complete' ? (ms(f.completeDate) ?? now) : null;
}

/** The FieldURIs a client may set, and how. Everything else answers ErrorInvalidPropertySet. */
const WRITERS: Record<string, FieldWriter> = {
  'item:Subject': (p, i) => {
    p.set.subject = i.subject ?? '';
    p.set.conversation_topic = topicOf(i.subject ?? '');
    p.mime = true;
  },
  'item:Body': (p, i) => setBody(p, i.body?.bodyType ?? 'Text', i.body?.value ?? ''),
  'item:Categories': (p, i, row, append) => {
    const before = append && row ? (JSON.parse(row.categories) as string[]) : [];
    p.set.categories = JSON.stringify([...new Set([...before, ...(i.categories ?? [])])]);
  },
  'item:Importance': (p, i) => {
    p.set.importance = i.importance ?? 'Normal';
    p.mime = true;
  },
  'item:Sensitivity': (p, i) => {
    p.set.sensitivity = i.sensitivity ?? 'Normal';
    p.mime = true;
  },
  'item:Flag': (p, i) => setFlag(p, i.flag ?? { flagStatus: 'NotFlagged' }, p.now),
  'item:ItemClass': (p, i) => {
    if (i.itemClass) p.set.item_class = i.itemClass;
  },
  'item:InReplyTo': (p, i) => {
    p.set.in_reply_to = i.inReplyTo ?? null;
    p.mime = true;
  },
  'message:IsRead': (p, i) => (p.set.is_read = i.isRead ? 1 : 0),
  'message:ToRecipients': recipients('to_json', 'toRecipients'),
  'message:CcRecipients': recipients('cc_json', 'ccRecipients'),
  'message:BccRecipients': recipients('bcc_json', 'bccRecipients'),
  'message:ReplyTo': recipients('reply_to_json', 'replyTo'),
  'message:From': (p, i) => {
    p.set.from_name = i.from?.name ?? null;
    p.set.from_addr = i.from?.emailAddress ?? null;
    p.mime = true;
  },
  'message:Sender': (p, i) => {
    p.set.sender_name = i.sender?.name ?? null;
    p.set.sender_addr = i.sender?.emailAddress ?? null;
    p.mime = true;
  },
  'message:References': (p, i) => {
    p.set.references_ = i.references ?? null;
    p.mime = true;
  },
  'message:InternetMessageId': (p, i) => {
    if (i.internetMessageId) p.set.internet_message_id = i.internetMessageId;
    p.mime = true;
  },
  'message:IsReadReceiptRequested': (p, i) => {
    p.set.read_receipt = i.isReadReceiptRequested ? 1 : 0;
    p.mime = true;
  },
  'message:IsDeliveryReceiptRequested': (p, i) => (p.set.delivery_receipt = i.isDeliveryReceiptRequested ? 1 : 0),
  'calendar:Start': (p, i) => (p.set.start = ms(i.start)),
  'calendar:End': (p, i) => (p.set.end = ms(i.end)),
  'calendar:Location': (p, i) => (p.set.location = i.location ?? null),
  'calendar:IsAllDayEvent': (p, i) => (p.set.all_day = i.isAllDayEvent ? 1 : 0),
};

/** SetItemField / AppendToItemField with a FieldURI. */
export function writeField(p: Patch, fieldURI: string, item: Item, row: ItemRow | undefined, append: boolean): void {
  const w = WRITERS[fieldURI];
  if (!w) throw new EwsFail('ErrorInvalidPropertySet', `The property ${fieldURI} cannot be set.`);
  w(p, item, row, append);
}

/** DeleteItemField with a FieldURI: the property goes back to "not set". */
export function clearField(p: Patch, fieldURI: string): void {
  switch (fieldURI) {
    case 'item:Categories':
      p.set.categories = '[]';
      return;
    case 'item:Flag':
      return setFlag(p, { flagStatus: 'NotFlagged' }, p.now);
    case 'message:ReplyTo':
    case 'message:CcRecipients':
    case 'message:BccRecipients':
    case 'message:ToRecipients': {
      const column = (
        {
          'message:ReplyTo': 'reply_to_json',
          'message:CcRecipients': 'cc_json',
          'message:BccRecipients': 'bcc_json',
          'message:ToRecipients': 'to_json',
        } as const
      )[fieldURI];
      p.set[column] = '[]';
      p.mime = true;
      return;
    }
    case 'item:InReplyTo':
      p.set.in_reply_to = null;
      p.mime = true;
      return;
    case 'message:References':
      p.set.references_ = null;
      p.mime = true;
      return;
    default:
      throw new EwsFail('ErrorInvalidPropertyDelete', `The property ${fieldURI} cannot be deleted.`);
  }
}

function normalize(field: ExtendedFieldURI, value: string | string[]): string | string[] {
  if (Array.isArray(value)) return isMultiValued(field) ? value : (value[0] ?? '');
  if (isMultiValued(field)) return [value];
  switch (field.propertyType) {
    case 'Boolean': {
      const v = value.trim().toLowerCase();
      if (v !== 'true' && v !== 'false' && v !== '1' && v !== '0')
        throw new EwsFail('ErrorInvalidExtendedPropertyValue');
      return v === 'true' || v === '1' ? 'true' : 'false';
    }
    case 'Integer':
    case 'Short':
    case 'Long':
      if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new EwsFail('ErrorInvalidExtendedPropertyValue');
      return String(Number(value));
    default:
      return value;
  }
}

/**
 * An ExtendedProperty a client sets. MAPI properties that are columns here change the column
 * (DavMail: PR_MESSAGE_FLAGS on APPEND, PR_FLAG_STATUS for \Flagged, Keywords for IMAP keywords),
 * other computed ones are read-only and ignored, and everything else is stored as given.
 */
export function writeExtended(p: Patch, field: ExtendedFieldURI, raw: string | string[]): void {
  const key = propKey(field);
  const value = normalize(field, raw);
  const one = Array.isArray(value) ? (value[0] ?? '') : value;
  switch (key) {
    case 'tag:0xe07': {
      const flags = Number(one);
      p.set.is_read = flags & 1 ? 1 : 0;
      p.set.is_draft = flags & 8 ? 1 : 0;
      return;
    }
    case 'tag:0x1090': {
      const s = Number(one);
      return setFlag(p, { flagStatus: s === 2 ? 'Flagged' : s === 1 ? 'Complete' : 'NotFlagged' }, p.now);
    }
    case 'name:PublicStrings:Keywords':
      p.set.categories = JSON.stringify([...new Set(Array.isArray(value) ? value : [value])]);
      return;
    case 'tag:0x37':
      p.set.subject = one;
      p.set.conversation_topic = topicOf(one);
      p.mime = true;
      return;
    case 'tag:0x1a':
      p.set.item_class = one;
      return;
    case 'tag:0xe06':
    case 'tag:0x39': {
      const t = ms(one);
      if (t !== null) p.set[key === 'tag:0xe06' ? 'received' : 'sent'] = t;
      return;
    }
  }
  if (isComputedItemKey(key) && key !== 'tag:0x10f3') return;
  p.unset = p.unset.filter((k) => k !== key);
  p.props = [...p.props.filter((x) => x.key !== key), { key, field, value }];
  if (key.startsWith('name:InternetHeaders:')) p.mime = true;
}

export function clearExtended(p: Patch, field: ExtendedFieldURI): void {
  const key = propKey(field);
  if (key === 'tag:0x1090') return setFlag(p, { flagStatus: 'NotFlagged' }, p.now);
  if (key === 'name:PublicStrings:Keywords') {
    p.set.categories = '[]';
    return;
  }
  p.props = p.props.filter((x) => x.key !== key);
  p.unset.push(key);
}

/** The read flag alone, or anything else too: decides ReadFlagChange vs Update, and AutoResolve. */
export function touches(p: Patch): { read: boolean; content: boolean } {
  const cols = Object.keys(p.set);
  return {
    read: cols.includes('is_read'),
    content: cols.some((c) => c !== 'is_read') || p.props.length > 0 || p.unset.length > 0,
  };
}
