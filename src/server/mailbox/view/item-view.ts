import type { ExtendedFieldURI, Item, ItemShape, Mailbox } from '../../../ews/index.js';
import { ewsDate, type Ctx } from '../context.js';
import { propKey } from '../prop-key.js';
import { readHeaders } from '../mime/headers.js';
import { textToHtml } from '../text.js';
import { attachmentsOf } from '../store/attachments.js';
import { folderById } from '../store/folders.js';
import { itemBodies, itemMimes } from '../store/items.js';
import { propsOf } from '../store/item-props.js';
import type { Addr, AttachmentRow, FolderRow, ItemRow, PropRow } from '../store/rows.js';
import { itemExtended, needsBody, needsMime } from './extended.js';
import { attachmentView } from './attachment-view.js';
import { itemKind } from './item-kind.js';
import { wantedFields, type Purpose } from './shapes.js';

/** What one page of items needs beyond the rows, loaded once for the page. */
interface PageData {
  ctx: Ctx;
  shape: ItemShape;
  mimes?: Map<number, Buffer> | undefined;
  bodies: Map<number, { body_text: string; body_html: string | null }>;
  attachments: Map<number, AttachmentRow[]>;
  props: Map<number, PropRow[]>;
  folders: Map<number, FolderRow>;
}

type Setter = (item: Item, r: ItemRow, d: PageData) => void;

const FLAGS = ['NotFlagged', 'Flagged', 'Complete'] as const;
const addrs = (json: string): Addr[] => JSON.parse(json) as Addr[];
const names = (json: string) =>
  addrs(json)
    .map((a) => a.name || a.email)
    .join('; ');

function mailbox(d: PageData, a: Addr): Mailbox {
  const m: Mailbox = {};
  if (a.name) m.name = a.name;
  m.emailAddress = a.email;
  m.routingType = 'SMTP';
  m.mailboxType = d.ctx.locals.has(a.email.toLowerCase()) ? 'Mailbox' : 'OneOff';
  return m;
}

function folderOf(d: PageData, id: number): FolderRow {
  let f = d.folders.get(id);
  if (!f) d.folders.set(id, (f = folderById(d.ctx.db, id)!));
  return f;
}

function body(r: ItemRow, d: PageData, type: 'Best' | 'HTML' | 'Text') {
  const b = d.bodies.get(r.id) ?? { body_text: '', body_html: null };
  if (type === 'Text' || (type === 'Best' && b.body_html === null))
    return { bodyType: 'Text' as const, value: b.body_text, isTruncated: false };
  return { bodyType: 'HTML' as const, value: b.body_html ?? textToHtml(b.body_text), isTruncated: false };
}

/** How each FieldURI is filled from a row. */
const SETTERS: Record<string, Setter> = {
  'item:MimeContent': (i, r, d) => {
    const m = d.mimes?.get(r.id);
    if (m) i.mimeContent = m.toString('base64');
  },
  'item:ParentFolderId': (i, r, d) => (i.parentFolderId = d.ctx.ids.folder(folderOf(d, r.folder_id))),
  'item:ItemClass': (i, r) => (i.itemClass = r.item_class),
  'item:Subject': (i, r) => (i.subject = r.subject),
  'item:Sensitivity': (i, r) => (i.sensitivity = r.sensitivity),
  'item:Body': (i, r, d) => (i.body = body(r, d, d.shape.bodyType ?? 'Best')),
  'item:TextBody': (i, r, d) => (i.textBody = body(r, d, 'Text')),
  'item:Attachments': (i, r, d) => {
    const list = d.attachments.get(r.id) ?? [];
    i.attachments = list.map((a) => attachmentView(d.ctx, a, r.gen));
  },
  'item:DateTimeReceived': (i, r) => (i.dateTimeReceived = ewsDate(r.received)),
  'item:Size': (i, r) => (i.size = r.size),
  'item:Categories': (i, r) => (i.categories = JSON.parse(r.categories) as string[]),
  'item:Importance': (i, r) => (i.importance = r.importance),
  'item:InReplyTo': (i, r) => {
    if (r.in_reply_to) i.inReplyTo = r.in_reply_to;
  },
  'item:IsSubmitted': (i) => (i.isSubmitted = false),
  'item:IsDraft': (i, r) => (i.isDraft = !!r.is_draft),
  'item:IsFromMe': (i, r, d) => (i.isFromMe = r.from_addr?.toLowerCase() === d.ctx.user.address.toLowerCase()),
  'item:InternetMessageHeaders': (i, r, d) => {
    const m = d.mimes?.get(r.id);
    if (m) i.internetMessageHeaders = readHeaders(m);
  },
  'item:DateTimeSent': (i, r) => {
    if (r.sent !== null) i.dateTimeSent = ewsDate(r.sent);
  },
  'item:DateTimeCreated': (i, r) => (i.dateTimeCreated = ewsDate(r.created)),
  'item:DisplayCc': (i, r) => (i.displayCc = names(r.cc_json)),
  'item:DisplayTo': (i, r) => (i.displayTo = names(r.to_json)),
  'item:HasAttachments': (i, r) => (i.hasAttachments = !!r.has_attachments),
  'item:LastModifiedTime': (i, r) => (i.lastModifiedTime = ewsDate(r.modified)),
  'item:ConversationId': (i, r) => {
    if (r.conversation_id) i.conversationId = { id: r.conversation_id };
  },
  'item:Flag': (i, r) => {
    i.flag = { flagStatus: FLAGS[r.flag_status] ?? 'NotFlagged' };
    if (r.flag_start !== null) i.flag.startDate = ewsDate(r.flag_start);
    if (r.flag_due !== null) i.flag.dueDate = ewsDate(r.flag_due);
    if (r.flag_complete !== null) i.flag.completeDate = ewsDate(r.flag_complete);
  },
  'item:Preview': (i, r) => (i.preview = r.preview),
  'message:Sender': (i, r, d) => {
    const addr = r.sender_addr ?? r.from_addr;
    const name = r.sender_addr ? r.sender_name : r.from_name;
    if (addr) i.sender = mailbox(d, name ? { name, email: addr } : { email: addr });
  },
  // Exchange leaves an empty recipient list out; Thunderbird's ews-rs cannot read an empty one
  // ("missing field `Mailbox`") and drops the whole GetItem batch, so the folder stays empty.
  'message:ToRecipients': (i, r, d) => {
    const list = addrs(r.to_json);
    if (list.length) i.toRecipients = list.map((a) => mailbox(d, a));
  },
  'message:CcRecipients': (i, r, d) => {
    const list = addrs(r.cc_json);
    if (list.length) i.ccRecipients = list.map((a) => mailbox(d, a));
  },
  'message:BccRecipients': (i, r, d) => {
    const list = addrs(r.bcc_json);
    if (list.length) i.bccRecipients = list.map((a) => mailbox(d, a));
  },
  'message:IsReadReceiptRequested': (i, r) => (i.isReadReceiptRequested = !!r.read_receipt),
  'message:IsDeliveryReceiptRequested': (i, r) => (i.isDeliveryReceiptRequested = !!r.delivery_receipt),
  'message:ConversationTopic': (i, r) => (i.conversationTopic = r.conversation_topic ?? r.subject),
  'message:From': (i, r, d) => {
    if (r.from_addr)
      i.from = mailbox(d, r.from_name ? { name: r.from_name, email: r.from_addr } : { email: r.from_addr });
  },
  'message:InternetMessageId': (i, r) => {
    if (r.internet_message_id) i.internetMessageId = r.internet_message_id;
  },
  'message:IsRead': (i, r) => (i.isRead = !!r.is_read),
  'message:References': (i, r) => {
    if (r.references_) i.references = r.references_;
  },
  'message:ReplyTo': (i, r, d) => {
    const list = addrs(r.reply_to_json);
    if (list.length) i.replyTo = list.map((a) => mailbox(d, a));
  },
  'calendar:UID': (i, r) => {
    if (r.uid) i.uid = r.uid;
  },
  'calendar:Start': (i, r) => {
    if (r.start !== null) i.start = ewsDate(r.start);
  },
  'calendar:End': (i, r) => {
    if (r.end !== null) i.end = ewsDate(r.end);
  },
  'calendar:IsAllDayEvent': (i, r) => {
    if (r.all_day !== null) i.isAllDayEvent = !!r.all_day;
  },
  'calendar:Location': (i, r) => {
    if (r.location) i.location = r.location;
  },
};
SETTERS['item:ConversationTopic'] = SETTERS['message:ConversationTopic']!;

function group<T extends { item_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.item_id);
    if (list) list.push(r);
    else out.set(r.item_id, [r]);
  }
  return out;
}

/**
 * Items as a shape asks for them: the base set for `purpose`, AdditionalProperties (FieldURIs this
 * mailbox stores; the rest are silently left out, as clients that ask for 200 expect), and
 * ExtendedFieldURIs echoed exactly as the client wrote them. Everything a page needs beyond the
 * rows is read in one statement per kind.
 */
export function renderItems(ctx: Ctx, rows: readonly ItemRow[], shape: ItemShape, purpose: Purpose): Item[] {
  const fields = wantedFields(shape, purpose);
  const extended: ExtendedFieldURI[] = [];
  for (const p of shape.additionalProperties ?? []) if ('extended' in p) extended.push(p.extended);
  const keys = extended.map(propKey);
  const ids = rows.map((r) => r.id);
  const mime = fields.has('item:MimeContent') || fields.has('item:InternetMessageHeaders') || keys.some(needsMime);
  const bodies = purpose === 'get' && (fields.has('item:Body') || fields.has('item:TextBody') || keys.some(needsBody));
  const d: PageData = {
    ctx,
    shape,
    mimes: mime && ids.length ? itemMimes(ctx.db, ids) : undefined,
    bodies: new Map(),
    attachments: fields.has('item:Attachments') ? group(attachmentsOf(ctx.db, ids)) : new Map(),
    props: keys.length ? group(propsOf(ctx.db, ids)) : new Map(),
    folders: new Map(),
  };
  if (bodies) for (const id of ids) d.bodies.set(id, itemBodies(ctx.db, id)!);
  const setters = [...fields].flatMap((f) => SETTERS[f] ?? []);
  return rows.map((r) => {
    const item: Item = { kind: itemKind(r.item_class), itemId: ctx.ids.item(r) };
    for (const set of setters) set(item, r, d);
    if (extended.length) {
      const stored = new Map(
        (d.props.get(r.id) ?? []).map((p) => [p.key, p.multi ? (JSON.parse(p.value) as string[]) : p.value]),
      );
      extended.forEach((field, n) => {
        const value = itemExtended(keys[n]!, r, {
          mime: d.mimes?.get(r.id),
          bodyText: d.bodies.get(r.id)?.body_text,
          stored: stored.get(keys[n]!),
        });
        if (value !== undefined) (item.extendedProperties ??= []).push({ field, value });
      });
    }
    return item;
  });
}
