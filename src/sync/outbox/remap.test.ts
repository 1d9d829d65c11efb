import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openMailDB, type OutboxEntry } from '../../db/index.js';
import { messageRow } from '../../db/test-rows.js';
import { remapFolder, remapItems } from './remap.js';

const row = (id: string, folderId: string) =>
  messageRow(id, { changeKey: 'old', folderId, receivedAt: 1, subject: '', size: 1 });
const entry = (op: OutboxEntry['op']): OutboxEntry => ({
  opId: crypto.randomUUID(),
  op,
  state: 'pending',
  attempts: 0,
  createdAt: 1,
});

describe('remapItems', () => {
  it('moves the row, its body and later entries to the new id, leaving earlier entries alone', async () => {
    const db = openMailDB('remap', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.messages.put(row('old-id', 'archive'));
    await db.bodies.put({ id: 'old-id', type: 'text', content: 'hi', attachments: [], fetchedAt: 1, size: 2 });
    const before = await db.outbox.add(entry({ kind: 'set-read', ids: ['old-id'], isRead: true }));
    const self = await db.outbox.add(entry({ kind: 'move', ids: ['old-id'], toFolderId: 'archive' }));
    await db.outbox.add(entry({ kind: 'set-flag', ids: ['x', 'old-id'], flag: 1 }));
    await db.outbox.add({ ...entry({ kind: 'delete', ids: ['old-id'] }), local: { hardDelete: ['old-id'] } });

    await db.transaction('rw', [db.messages, db.bodies, db.outbox], () =>
      remapItems(db, new Map([['old-id', { id: 'new-id', changeKey: 'new' }]]), self!),
    );
    expect(await db.messages.get('old-id')).toBeUndefined();
    expect(await db.messages.get('new-id')).toMatchObject({ changeKey: 'new', folderId: 'archive' });
    expect((await db.bodies.get('new-id'))?.content).toBe('hi');
    const ops = await db.outbox.orderBy('seq').toArray();
    expect(ops.find((e) => e.seq === before)?.op).toMatchObject({ ids: ['old-id'] });
    expect(ops.map((e) => ('ids' in e.op ? e.op.ids : []))).toEqual([
      ['old-id'],
      ['old-id'],
      ['x', 'new-id'],
      ['new-id'],
    ]);
    expect(ops[3]?.local?.hardDelete).toEqual(['new-id']);
  });
});

describe('remapFolder', () => {
  it('gives a folder made offline its server id everywhere', async () => {
    const db = openMailDB('remap-folder', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.folders.bulkPut([
      {
        id: 'local:f',
        parentId: 'root',
        name: 'New',
        kind: 'Folder',
        folderClass: 'IPF.Note',
        total: 1,
        unread: 1,
        childCount: 0,
      },
      {
        id: 'local:sub',
        parentId: 'local:f',
        name: 'Sub',
        kind: 'Folder',
        folderClass: 'IPF.Note',
        total: 0,
        unread: 0,
        childCount: 0,
      },
    ]);
    await db.messages.put(row('m', 'local:f'));
    const self = await db.outbox.add(entry({ kind: 'create-folder', parentId: '', name: 'New', tempId: 'local:f' }));
    await db.outbox.add(entry({ kind: 'move', ids: ['m'], toFolderId: 'local:f' }));
    await db.outbox.add(entry({ kind: 'create-folder', parentId: 'local:f', name: 'Sub', tempId: 'local:sub' }));
    await db.outbox.add(entry({ kind: 'rename-folder', id: 'local:f', name: 'Newer' }));
    // Its parent deleted for good later: the list of what goes with it names it by its new id.
    await db.outbox.add({
      ...entry({ kind: 'delete-folder', id: 'root-child' }),
      local: { hardDelete: ['root-child', 'local:f', 'local:sub'] },
    });

    await db.transaction('rw', [db.folders, db.messages, db.outbox], () => remapFolder(db, 'local:f', 'srv-f', self!));
    expect(await db.folders.get('srv-f')).toMatchObject({ name: 'New', total: 1 });
    expect(await db.folders.get('local:f')).toBeUndefined();
    expect((await db.folders.get('local:sub'))?.parentId).toBe('srv-f');
    expect((await db.messages.get('m'))?.folderId).toBe('srv-f');
    const ops = (await db.outbox.orderBy('seq').toArray()).map((e) => e.op);
    expect(ops[1]).toMatchObject({ toFolderId: 'srv-f' });
    expect(ops[2]).toMatchObject({ parentId: 'srv-f' });
    expect(ops[3]).toMatchObject({ id: 'srv-f' });
    expect((await db.outbox.orderBy('seq').last())?.local?.hardDelete).toEqual(['root-child', 'srv-f', 'local:sub']);
  });
});
