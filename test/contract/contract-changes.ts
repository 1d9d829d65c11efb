import { describe, expect, it } from 'vitest';
import {
  CreateFolder,
  DeleteFolder,
  DeleteItem,
  MoveFolder,
  MoveItem,
  SyncFolderHierarchy,
  SyncFolderItems,
  UpdateFolder,
  UpdateItem,
  type FolderChange,
  type ItemChange,
  type ItemId,
  type ItemUpdate,
} from '../../src/ews/index.js';
import type { EwsClient } from './ews-client.js';
import { idOf, type Contract } from './mailbox-contract.js';

const setRead = (id: ItemId, isRead: boolean): ItemUpdate[] => [
  { kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead } },
];
const setSubject = (subject: string): ItemUpdate[] => [
  { kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject } },
];

async function update(c: EwsClient, id: ItemId, updates: ItemUpdate[]): Promise<ItemId> {
  const m = await c.one(UpdateItem, {
    conflictResolution: 'AlwaysOverwrite',
    messageDisposition: 'SaveOnly',
    itemChanges: [{ itemId: { id: id.id }, updates }],
  });
  return m.items![0]!.itemId!;
}

const summary = (changes: ItemChange[]) => changes.map((c) => `${c.type}:${idOf(c)}`).sort();

export function changeKindsContract(contract: Contract): void {
  describe('incremental SyncFolderItems', () => {
    it('reports Create, Update, ReadFlagChange and Delete, one change per item, and nothing for what came and went', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Change kinds');
      const [a, b, d, e, f] = await c.fill(folder, 5, 'Kind');
      const start = await c.syncAll(folder);
      expect(start.changes).toHaveLength(5);

      const [created] = await c.fill(folder, 1, 'New');
      const [createdThenEdited] = await c.fill(folder, 1, 'New and edited');
      await update(c, createdThenEdited!, setSubject('Edited at once'));
      const [gone] = await c.fill(folder, 1, 'Gone');
      await c.one(DeleteItem, { deleteType: 'HardDelete', itemIds: [gone!] });
      await update(c, a!, setSubject('Edited'));
      await update(c, b!, setRead(b!, true));
      await update(c, b!, setRead(b!, false));
      await update(c, b!, setRead(b!, true));
      await update(c, d!, setSubject('Twice 1'));
      await update(c, d!, setSubject('Twice 2'));
      await update(c, e!, setRead(e!, true));
      await update(c, e!, setSubject('Read and edited'));
      await c.one(DeleteItem, { deleteType: 'HardDelete', itemIds: [f!] });

      const next = await c.syncAll(folder, start.state, 512, {
        baseShape: 'IdOnly',
        additionalProperties: [{ fieldURI: 'item:Subject' }, { fieldURI: 'message:IsRead' }],
      });
      expect(summary(next.changes)).toEqual(
        summary([
          { type: 'Create', item: { kind: 'Message', itemId: created! } },
          { type: 'Create', item: { kind: 'Message', itemId: createdThenEdited! } },
          { type: 'Update', item: { kind: 'Message', itemId: a! } },
          { type: 'ReadFlagChange', itemId: b!, isRead: true },
          { type: 'Update', item: { kind: 'Message', itemId: d! } },
          { type: 'Update', item: { kind: 'Message', itemId: e! } },
          { type: 'Delete', itemId: f! },
        ]),
      );
      const byId = new Map(next.changes.map((ch) => [idOf(ch), ch]));
      const flip = byId.get(b!.id)!;
      expect(flip.type === 'ReadFlagChange' && flip.isRead).toBe(true);
      const twice = byId.get(d!.id)!;
      expect(twice.type === 'Update' && twice.item.subject).toBe('Twice 2');
      const edited = byId.get(createdThenEdited!.id)!;
      expect(edited.type === 'Create' && edited.item.subject).toBe('Edited at once');

      const quiet = await c.syncAll(folder, next.state);
      expect(quiet.changes).toEqual([]);
    });

    it('leaves out the items listed in Ignore, and does not report them later either', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Ignore');
      const [a, b] = await c.fill(folder, 2, 'Ignored');
      const start = await c.syncAll(folder);
      const mine = await update(c, a!, setRead(a!, true));
      await update(c, b!, setRead(b!, true));
      const m = await c.one(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: folder,
        syncState: start.state,
        ignore: [mine],
        maxChangesReturned: 10,
      });
      expect(m.changes!.map(idOf)).toEqual([b!.id]);
      expect((await c.syncAll(folder, m.syncState)).changes).toEqual([]);
    });

    it('pages incremental changes oldest first with IncludesLastItemInRange false until the end', async () => {
      const c = contract.client();
      const folder = await c.createFolder('Incremental pages');
      const start = await c.syncAll(folder);
      const ids = await c.fill(folder, 25, 'Later');
      const first = await c.one(SyncFolderItems, {
        itemShape: { baseShape: 'IdOnly' },
        syncFolderId: folder,
        syncState: start.state,
        maxChangesReturned: 10,
      });
      expect(first.includesLastItemInRange).toBe(false);
      expect(first.changes!.map(idOf)).toEqual(ids.slice(0, 10).map((i) => i.id));
      const rest = await c.syncAll(folder, first.syncState, 10);
      expect(rest.pages).toBe(2);
      expect(rest.changes.map(idOf)).toEqual(ids.slice(10).map((i) => i.id));
    });

    it('reports a move as a Delete in the source and a Create of the new id in the target', async () => {
      const c = contract.client();
      const source = await c.createFolder('Move source');
      const target = await c.createFolder('Move target');
      const [item] = await c.fill(source, 1, 'Moving');
      const s0 = await c.syncAll(source);
      const t0 = await c.syncAll(target);
      const moved = await c.one(MoveItem, { toFolderId: target, itemIds: [item!] });
      const newId = moved.items![0]!.itemId!;
      expect(newId.id).not.toBe(item!.id);
      const s1 = await c.syncAll(source, s0.state);
      const t1 = await c.syncAll(target, t0.state);
      expect(s1.changes).toEqual([{ type: 'Delete', itemId: { id: item!.id } }]);
      expect(t1.changes.map((ch) => `${ch.type}:${idOf(ch)}`)).toEqual([`Create:${newId.id}`]);
      // IdOnly: the id and nothing else.
      const created = t1.changes[0]!;
      expect(created.type === 'Create' && Object.keys(created.item).sort()).toEqual(['itemId', 'kind']);
    });
  });

  describe('SyncFolderHierarchy', () => {
    const names = (changes: FolderChange[]) =>
      changes.map((ch) => (ch.type === 'Delete' ? `Delete:${ch.folderId.id}` : `${ch.type}:${ch.folder.displayName}`));

    it('reports folders created, renamed, moved and deleted, and no count changes', async () => {
      const c = contract.client();
      const shape = { baseShape: 'Default' as const };
      const root = { distinguished: 'msgfolderroot' };
      const first = await c.one(SyncFolderHierarchy, { folderShape: shape, syncFolderId: root });
      expect(names(first.changes!)).toEqual(
        expect.arrayContaining(['Create:Inbox', 'Create:Sent Items', 'Create:Drafts']),
      );
      expect(first.includesLastFolderInRange).toBe(true);

      const parent = await c.createFolder('Hierarchy parent');
      const child = await c.createFolder('Hierarchy child', parent);
      const created = await c.one(SyncFolderHierarchy, {
        folderShape: shape,
        syncFolderId: root,
        syncState: first.syncState!,
      });
      expect(names(created.changes!)).toEqual(['Create:Hierarchy parent', 'Create:Hierarchy child']);
      const childFolder = created.changes![1]!;
      expect(childFolder.type === 'Create' && childFolder.folder.folderId!.id).toBe(child.id);

      await c.fill({ distinguished: 'inbox' }, 1, 'Counts do not count');
      await c.one(UpdateFolder, {
        folderChanges: [
          {
            folderId: parent,
            updates: [
              {
                kind: 'Set',
                path: { fieldURI: 'folder:DisplayName' },
                folder: { kind: 'Folder', displayName: 'Renamed parent' },
              },
            ],
          },
        ],
      });
      await c.one(MoveFolder, { toFolderId: root, folderIds: [child] });
      const changed = await c.one(SyncFolderHierarchy, {
        folderShape: shape,
        syncFolderId: root,
        syncState: created.syncState!,
      });
      expect(names(changed.changes!)).toEqual(['Update:Renamed parent', 'Update:Hierarchy child']);

      await c.one(DeleteFolder, { deleteType: 'HardDelete', folderIds: [parent] });
      const deleted = await c.one(SyncFolderHierarchy, {
        folderShape: shape,
        syncFolderId: root,
        syncState: changed.syncState!,
      });
      expect(names(deleted.changes!)).toEqual([`Delete:${parent.id}`]);
      const quiet = await c.one(SyncFolderHierarchy, {
        folderShape: shape,
        syncFolderId: root,
        syncState: deleted.syncState!,
      });
      expect(quiet.changes).toEqual([]);
    });

    it('returns ids only for IdOnly', async () => {
      const c = contract.client();
      const m = await c.one(SyncFolderHierarchy, {
        folderShape: { baseShape: 'IdOnly' },
        syncFolderId: { distinguished: 'msgfolderroot' },
      });
      const created = m.changes!.find((ch) => ch.type === 'Create')!;
      expect(created.type === 'Create' && Object.keys(created.folder).sort()).toEqual(['folderId', 'kind']);
      await c.one(CreateFolder, {
        parentFolderId: { distinguished: 'inbox' },
        folders: [{ kind: 'Folder', displayName: 'IdOnly child' }],
      });
    });
  });
}
