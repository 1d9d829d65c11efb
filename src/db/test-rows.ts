import type { FolderRow, MessageRow } from './entities.js';

/** Folder and message rows for tests: every field a row must have, plain defaults, `extra` on top. */
export const folderRow = (id: string, extra: Partial<FolderRow> = {}): FolderRow => ({
  id,
  parentId: 'root',
  name: id,
  kind: 'Folder',
  folderClass: 'IPF.Note',
  total: 0,
  unread: 0,
  childCount: 0,
  ...extra,
});

export const messageRow = (id: string, extra: Partial<MessageRow> = {}): MessageRow => ({
  id,
  changeKey: `ck-${id}`,
  folderId: 'inbox',
  receivedAt: 1000,
  subject: `Subject ${id}`,
  to: [],
  cc: [],
  preview: '',
  isRead: 0,
  flag: 0,
  importance: 'Normal',
  hasAttachments: 0,
  size: 10,
  itemClass: 'IPM.Note',
  terms: [],
  ...extra,
});
