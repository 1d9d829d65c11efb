import { describe, expect, it } from 'vitest';
import type { FolderRow, OutboxEntry, OutboxOp } from '../../db/index.js';
import { createTranslator, loadLanguage } from '../i18n/translate.js';
import { describeEntry } from './describe-entry.js';

const entry = (op: OutboxOp): OutboxEntry => ({ opId: 'x', op, state: 'pending', attempts: 0, createdAt: 0 });
const folders = new Map<string, FolderRow>([
  [
    'r',
    {
      id: 'r',
      parentId: '',
      name: 'Receipts',
      kind: 'Folder',
      folderClass: 'IPF.Note',
      total: 0,
      unread: 0,
      childCount: 0,
    },
  ],
  [
    't',
    {
      id: 't',
      parentId: '',
      name: 'Deleted Items',
      distinguished: 'deleteditems',
      kind: 'Folder',
      folderClass: 'IPF.Note',
      total: 0,
      unread: 0,
      childCount: 0,
    },
  ],
]);

describe('describeEntry', () => {
  const t = createTranslator('en');

  it('says what each kind of change does, in plain words', () => {
    expect(describeEntry(entry({ kind: 'set-read', ids: ['a', 'b'], isRead: false }), folders, t)).toBe(
      'Mark 2 messages as unread',
    );
    expect(describeEntry(entry({ kind: 'set-flag', ids: ['a'], flag: 1 }), folders, t)).toBe('Flag 1 message');
    expect(describeEntry(entry({ kind: 'move', ids: ['a', 'b', 'c'], toFolderId: 'r' }), folders, t)).toBe(
      'Move 3 messages to Receipts',
    );
    expect(describeEntry(entry({ kind: 'move', ids: ['a'], toFolderId: 't' }), folders, t)).toBe(
      'Move 1 message to Deleted',
    );
    const draft = {
      to: [{ name: 'Ada', email: 'ada@tern.test' }],
      cc: [],
      bcc: [{ name: '', email: 'b@x.org' }],
      subject: '',
      text: 'hi',
    };
    expect(describeEntry(entry({ kind: 'send', draft }), folders, t)).toBe(
      'Send “(no subject)” to \u2068Ada\u2069 <ada@tern.test>, b@x.org',
    );
  });

  it('names the one message a change touches by its subject when the rows here know it', () => {
    const subjects = new Map([
      ['a', 'Lunch'],
      ['b', ''],
    ]);
    expect(describeEntry(entry({ kind: 'delete', ids: ['a'] }), folders, t, subjects)).toBe('Delete “Lunch”');
    expect(describeEntry(entry({ kind: 'set-read', ids: ['b'], isRead: true }), folders, t, subjects)).toBe(
      'Mark “(no subject)” as read',
    );
    expect(describeEntry(entry({ kind: 'move', ids: ['a', 'b'], toFolderId: 'r' }), folders, t, subjects)).toBe(
      'Move 2 messages to Receipts',
    );
    // Deleted for good here: no row, so no subject.
    expect(describeEntry(entry({ kind: 'delete', ids: ['gone'] }), folders, t, subjects)).toBe('Delete 1 message');
  });

  it('names a folder it does not know by its id rather than failing', () => {
    expect(describeEntry(entry({ kind: 'delete-folder', id: 'gone' }), folders, t)).toBe('Delete folder gone');
  });

  it('speaks French', async () => {
    await loadLanguage('fr');
    const fr = createTranslator('fr');
    expect(describeEntry(entry({ kind: 'move', ids: ['a'], toFolderId: 'r' }), folders, fr)).toBe(
      'Déplacer 1 message vers Receipts',
    );
    expect(
      describeEntry(entry({ kind: 'set-read', ids: ['a'], isRead: true }), folders, fr, new Map([['a', 'Déjeuner']])),
    ).toBe('Marquer comme lu : « Déjeuner »');
  });
});
