import { NS } from '../namespaces.js';
import { child, childText, childrenNamed, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import { ITEM_KINDS, type Attachment, type Body, type Flag, type Item, type ItemKind } from '../types.js';
import { readId, writeId } from './ids.js';
import { readRecipient, readRecipients, writeRecipient, writeRecipients } from './mailbox.js';
import { readExtendedProperty, writeExtendedProperty } from './paths.js';
import { readBool, readInt } from './scalars.js';

/** How one property goes to and from its element. `name` is the local name in the types namespace. */
interface Prop<K extends keyof Item = keyof Item> {
  name: string;
  key: K;
  write(w: XmlWriter, tag: string, value: NonNullable<Item[K]>): void;
  read(el: XmlElement): Item[K];
}

/** An element whose Item field is its name with a lower-case first letter (Subject → subject). */
type ItemName = Capitalize<keyof Item & string>;
const keyOf = (name: string) => (name[0]!.toLowerCase() + name.slice(1)) as keyof Item;

const text = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => w.leaf(tag, v as string),
  read: (el) => el.text as Item[keyof Item],
});
const bool = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => w.leaf(tag, v as boolean),
  read: (el) => readBool(el.text) as Item[keyof Item],
});
const int = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => w.leaf(tag, v as number),
  read: (el) => readInt(el.text) as Item[keyof Item],
});
const id = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => writeId(w, tag, v as { id: string }),
  read: (el) => readId(el) as Item[keyof Item],
});
const body = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => {
    const b = v as Body;
    w.leaf(tag, b.value, { BodyType: b.bodyType, IsTruncated: b.isTruncated });
  },
  read: (el) => readBody(el) as Item[keyof Item],
});
const recipient = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => writeRecipient(w, tag, v as object),
  read: (el) => readRecipient(el) as Item[keyof Item],
});
const recipients = (name: ItemName): Prop => ({
  name,
  key: keyOf(name),
  write: (w, tag, v) => writeRecipients(w, tag, v as object[]),
  read: (el) => readRecipients(el) as Item[keyof Item],
});

function readBody(el: XmlElement): Body {
  const type = el.attrs['BodyType'];
  if (type !== 'HTML' && type !== 'Text') throw new CodecError('unexpected', `<${el.local}> has BodyType "${type}"`);
  const b: Body = { bodyType: type, value: el.text };
  const truncated = readBool(el.attrs['IsTruncated']);
  if (truncated !== undefined) b.isTruncated = truncated;
  return b;
}

/** ItemType properties in schema order; ExtendedProperty sits between HasAttachments and Culture. */
const ITEM_PROPS: Prop[] = [
  {
    name: 'MimeContent',
    key: 'mimeContent',
    write: (w, tag, v) => w.leaf(tag, v as string, { CharacterSet: 'UTF-8' }),
    read: (el) => el.text.replace(/\s+/g, ''),
  },
  id('ItemId'),
  id('ParentFolderId'),
  text('ItemClass'),
  text('Subject'),
  text('Sensitivity'),
  body('Body'),
  {
    name: 'Attachments',
    key: 'attachments',
    // NonEmptyArrayOfAttachmentsType: no attachments is no element, not an empty one.
    write: (w, tag, v) => {
      if ((v as Attachment[]).length)
        w.el(tag, undefined, () => (v as Attachment[]).forEach((a) => writeAttachment(w, a)));
    },
    read: (el) =>
      el.children
        .filter((c) => c.uri === NS.t && (c.local === 'FileAttachment' || c.local === 'ItemAttachment'))
        .map(readAttachment),
  },
  text('DateTimeReceived'),
  int('Size'),
  {
    name: 'Categories',
    key: 'categories',
    write: (w, tag, v) => w.el(tag, undefined, () => (v as string[]).forEach((s) => w.leaf('t:String', s))),
    read: (el) => childrenNamed(el, NS.t, 'String').map((s) => s.text),
  },
  text('Importance'),
  text('InReplyTo'),
  bool('IsSubmitted'),
  bool('IsDraft'),
  bool('IsFromMe'),
  {
    name: 'InternetMessageHeaders',
    key: 'internetMessageHeaders',
    write: (w, tag, v) => {
      const headers = v as { name: string; value: string }[];
      if (headers.length)
        w.el(tag, undefined, () =>
          headers.forEach((h) => w.leaf('t:InternetMessageHeader', h.value, { HeaderName: h.name })),
        );
    },
    read: (el) =>
      childrenNamed(el, NS.t, 'InternetMessageHeader').map((h) => ({
        name: h.attrs['HeaderName'] ?? '',
        value: h.text,
      })),
  },
  text('DateTimeSent'),
  text('DateTimeCreated'),
  text('DisplayCc'),
  text('DisplayTo'),
  bool('HasAttachments'),
  // ExtendedProperty: see writeItem/readItem (it repeats).
  text('LastModifiedTime'),
  id('ConversationId'),
  {
    name: 'Flag',
    key: 'flag',
    write: (w, tag, v) => {
      const f = v as Flag;
      w.el(tag, undefined, () =>
        w
          .leaf('t:FlagStatus', f.flagStatus)
          .leaf('t:StartDate', f.startDate)
          .leaf('t:DueDate', f.dueDate)
          .leaf('t:CompleteDate', f.completeDate),
      );
    },
    read: (el) => {
      const status = childText(el, NS.t, 'FlagStatus');
      if (status !== 'NotFlagged' && status !== 'Flagged' && status !== 'Complete')
        throw new CodecError('unexpected', `FlagStatus "${status}" is not NotFlagged, Flagged or Complete`);
      const f: Flag = { flagStatus: status };
      const start = childText(el, NS.t, 'StartDate');
      const due = childText(el, NS.t, 'DueDate');
      const complete = childText(el, NS.t, 'CompleteDate');
      if (start !== undefined) f.startDate = start;
      if (due !== undefined) f.dueDate = due;
      if (complete !== undefined) f.completeDate = complete;
      return f;
    },
  },
  text('Preview'),
  body('TextBody'),
];

const EXTENDED_AFTER = ITEM_PROPS.findIndex((p) => p.name === 'HasAttachments');

/** MessageType properties, in schema order. */
const MESSAGE_PROPS: Prop[] = [
  recipient('Sender'),
  recipients('ToRecipients'),
  recipients('CcRecipients'),
  recipients('BccRecipients'),
  bool('IsReadReceiptRequested'),
  bool('IsDeliveryReceiptRequested'),
  text('ConversationIndex'),
  text('ConversationTopic'),
  recipient('From'),
  text('InternetMessageId'),
  bool('IsRead'),
  text('References'),
  recipients('ReplyTo'),
];

// The one element whose field is not its name with a lower-case first letter.
const uid: Prop = { ...text('Uid'), name: 'UID' };
const start = text('Start');
const end = text('End');
const isAllDayEvent = bool('IsAllDayEvent');
const location = text('Location');

/**
 * What each kind adds to ItemType, in schema order. Meeting messages carry the meeting's UID and
 * (requests, responses, cancellations) its time and place, so a mail list can show them without
 * opening the calendar item.
 */
const KIND_PROPS: Partial<Record<ItemKind, Prop[]>> = {
  Message: MESSAGE_PROPS,
  MeetingMessage: [...MESSAGE_PROPS, uid],
  MeetingRequest: [...MESSAGE_PROPS, uid, start, end, isAllDayEvent, location],
  MeetingResponse: [...MESSAGE_PROPS, uid, start, end, location],
  MeetingCancellation: [...MESSAGE_PROPS, uid, start, end, location],
  CalendarItem: [uid, start, end, isAllDayEvent, location],
};

const BY_NAME = new Map<string, Prop>([...ITEM_PROPS, ...Object.values(KIND_PROPS).flat()].map((p) => [p.name, p]));

/** Writes `<t:Message>` (or the item's kind) with the properties that are set, in schema order. */
export function writeItem(w: XmlWriter, item: Item): void {
  const tag = `t:${item.kind}`;
  w.open(tag);
  writeItemProps(w, item);
  w.close(tag);
}

/** Writes the properties of an item without its wrapper element (SetItemField carries one). */
export function writeItemProps(w: XmlWriter, item: Item): void {
  ITEM_PROPS.forEach((p, i) => {
    const v = item[p.key];
    if (v !== undefined) p.write(w, `t:${p.name}`, v as never);
    if (i === EXTENDED_AFTER) item.extendedProperties?.forEach((e) => writeExtendedProperty(w, e));
  });
  for (const p of KIND_PROPS[item.kind] ?? []) {
    const v = item[p.key];
    if (v !== undefined) p.write(w, `t:${p.name}`, v as never);
  }
}

const ITEM_NAMES: ReadonlySet<string> = new Set(ITEM_KINDS);

export function isItemElement(el: XmlElement): boolean {
  return el.uri === NS.t && ITEM_NAMES.has(el.local);
}

/** Reads any of the eleven item kinds; properties Tern does not model are skipped. */
export function readItem(el: XmlElement): Item {
  if (!isItemElement(el)) throw new CodecError('unexpected', `<${el.local}> is not an item`);
  const item: Item = { kind: el.local as ItemKind };
  for (const c of el.children) {
    if (c.uri !== NS.t) continue;
    if (c.local === 'ExtendedProperty') {
      (item.extendedProperties ??= []).push(readExtendedProperty(c));
      continue;
    }
    const p = BY_NAME.get(c.local);
    if (p) (item as unknown as Record<string, unknown>)[p.key] = p.read(c);
  }
  return item;
}

/** The single item inside a container such as `m:Items`, `t:Create` or `t:ItemAttachment`. */
export function readItems(container: XmlElement | undefined): Item[] {
  return (container?.children ?? []).filter(isItemElement).map(readItem);
}

export function writeAttachment(w: XmlWriter, a: Attachment): void {
  w.el(`t:${a.kind}`, undefined, () => {
    if (a.attachmentId !== undefined) w.empty('t:AttachmentId', { Id: a.attachmentId });
    w.leaf('t:Name', a.name)
      .leaf('t:ContentType', a.contentType)
      .leaf('t:ContentId', a.contentId)
      .leaf('t:ContentLocation', a.contentLocation)
      .leaf('t:Size', a.size)
      .leaf('t:LastModifiedTime', a.lastModifiedTime)
      .leaf('t:IsInline', a.isInline);
    if (a.kind === 'FileAttachment') w.leaf('t:IsContactPhoto', a.isContactPhoto).leaf('t:Content', a.content);
    else if (a.item) writeItem(w, a.item);
  });
}

export function readAttachment(el: XmlElement): Attachment {
  const a: Attachment = { kind: el.local as Attachment['kind'] };
  const attachmentId = child(el, NS.t, 'AttachmentId')?.attrs['Id'];
  if (attachmentId !== undefined) a.attachmentId = attachmentId;
  const set = <K extends keyof Attachment>(key: K, v: Attachment[K] | undefined) => {
    if (v !== undefined) a[key] = v;
  };
  set('name', childText(el, NS.t, 'Name'));
  set('contentType', childText(el, NS.t, 'ContentType'));
  set('contentId', childText(el, NS.t, 'ContentId'));
  set('contentLocation', childText(el, NS.t, 'ContentLocation'));
  set('size', readInt(childText(el, NS.t, 'Size')));
  set('lastModifiedTime', childText(el, NS.t, 'LastModifiedTime'));
  set('isInline', readBool(childText(el, NS.t, 'IsInline')));
  set('isContactPhoto', readBool(childText(el, NS.t, 'IsContactPhoto')));
  set('content', childText(el, NS.t, 'Content')?.replace(/\s+/g, ''));
  const inner = el.children.find(isItemElement);
  if (inner) a.item = readItem(inner);
  return a;
}
