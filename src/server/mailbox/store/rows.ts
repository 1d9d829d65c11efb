/** Rows as SQLite returns them. Times are ms since the epoch; flags are 0/1. */

export interface UserRow {
  id: number;
  address: string;
  name: string;
}

export interface FolderRow {
  id: number;
  user_id: number;
  parent_id: number | null;
  name: string;
  folder_class: string | null;
  distinguished: string | null;
  created_num: number;
  change_num: number;
  deleted_num: number | null;
  next_article: number;
  contents_num: number;
  created: number;
  modified: number;
  contents_modified: number;
}

/** An address as stored in the *_json columns. */
export interface Addr {
  name?: string;
  email: string;
}

/** Every column of an item but the large ones (bodies, MIME), which are read only on demand. */
export interface ItemRow {
  id: number;
  gen: number;
  user_id: number;
  folder_id: number;
  created_num: number;
  content_num: number;
  read_num: number;
  change_num: number;
  article: number;
  item_class: string;
  subject: string;
  from_name: string | null;
  from_addr: string | null;
  sender_name: string | null;
  sender_addr: string | null;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  reply_to_json: string;
  received: number;
  sent: number | null;
  created: number;
  modified: number;
  size: number;
  importance: 'Low' | 'Normal' | 'High';
  sensitivity: 'Normal' | 'Personal' | 'Private' | 'Confidential';
  is_read: number;
  is_draft: number;
  read_receipt: number;
  delivery_receipt: number;
  flag_status: number;
  flag_start: number | null;
  flag_due: number | null;
  flag_complete: number | null;
  preview: string;
  has_attachments: number;
  conversation_id: string | null;
  conversation_topic: string | null;
  internet_message_id: string | null;
  in_reply_to: string | null;
  references_: string | null;
  categories: string;
  start: number | null;
  end: number | null;
  location: string | null;
  uid: string | null;
  all_day: number | null;
}

/** The columns a new item is written with (numbers, article and ids are assigned by the store). */
export type ItemValues = Omit<
  ItemRow,
  'id' | 'gen' | 'user_id' | 'folder_id' | 'created_num' | 'content_num' | 'read_num' | 'change_num' | 'article'
> & { body_text: string; body_html: string | null; mime: Buffer };

export interface AttachmentRow {
  id: number;
  item_id: number;
  name: string;
  content_type: string;
  content_id: string | null;
  content_location: string | null;
  is_inline: number;
  size: number;
  modified: number;
}

export type AttachmentValues = Omit<AttachmentRow, 'id' | 'item_id'> & { content: Buffer };

/** A generic extended property a client set (MAPI tag or named property). */
export interface PropRow {
  item_id: number;
  key: string;
  /** The ExtendedFieldURI as JSON. */
  field: string;
  /** The value, or a JSON array of values when `multi`. */
  value: string;
  multi: number;
}

export interface TombstoneRow {
  num: number;
  folder_id: number;
  item_id: number;
  gen: number;
  created_num: number;
  item_class: string;
  /** When the item left the folder (ms); pruning goes by it. */
  at: number;
}
