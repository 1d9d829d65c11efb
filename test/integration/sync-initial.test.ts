import { afterEach, describe, expect, it } from 'vitest';
import {
  DeleteFolder,
  DeleteItem,
  FindItem,
  MoveItem,
  UpdateFolder,
  UpdateItem,
  type ItemId,
} from '../../src/ews/index.js';
import { distinguishedFolder, folderTree, HIERARCHY_CURSOR, type SyncCursor } from '../../src/db/index.js';
import { searchMessages } from '../../src/db/search.js';
import { Harness, plain } from './sync-harness.js';

let h: Harness;
afterEach(() => h?.close());

/** Ids of the first `n` messages of a server folder. */
async function serverIds(folder: { distinguished: string } | { id: string }, n: number): Promise<ItemId[]> {
  const [m] = await h.ews(FindItem, {
    traversal: 'Shallow',
    itemShape: { baseShape: 'IdOnly' },
    view: { kind: 'Indexed', maxEntriesReturned: n, offset: 0, basePoint: 'Beginning' },
    parentFolderIds: ['distinguished' in folder ? folder : { id: folder.id }],
  });
  return (m?.rootFolder?.items ?? []).map((i) => i.itemId!);
}

describe('initial sync', () => {
  it('copies a seeded multi-folder mailbox exactly: ids, ChangeKeys, read flags, flags and counts', async () => {
    h = await Harness.open(300);
    const report = await h.engine().runPass('startup');
    expect(report.error).toBeUndefined();
    const server = await h.serverSnapshot();
    expect(server.size).toBeGreaterThan(3);
    expect([...server.values()].reduce((n, f) => n + f.items.size, 0)).toBeGreaterThan(250);
    expect(plain(await h.localSnapshot())).toEqual(plain(server));

    const tree = await folderTree(h.db);
    expect(tree[0]?.distinguished).toBe('inbox');
    expect((await distinguishedFolder(h.db, 'sentitems'))?.id).toBeDefined();
  });

  it('reports progress in messages and ends idle with a last-synced time', async () => {
    h = await Harness.open(120);
    await h.engine().runPass('startup');
    const statuses = h.events.filter((e) => e.type === 'sync-status');
    const last = statuses.at(-1)!;
    expect(last).toMatchObject({ phase: 'idle', connection: { kind: 'online' }, lastSynced: h.clock.now() });
    const during = statuses.filter((s) => s.phase === 'items');
    expect(during.some((s) => s.done > 0 && s.total >= s.done)).toBe(true);
    expect(Math.max(...statuses.map((s) => s.done))).toBeGreaterThanOrEqual(120);
  });

  it('fetches a page while the one before it is written, and still copies the mailbox exactly', async () => {
    h = await Harness.open(200);
    // S: SyncFolderItems asked, G: GetItem asked, W: a page and its state written.
    const log: string[] = [];
    h.observe = async (op) => void log.push(op === 'SyncFolderItems' ? 'S' : op === 'GetItem' ? 'G' : '-');
    const written = (cursor: SyncCursor) => void (cursor.syncState && cursor.key !== HIERARCHY_CURSOR && log.push('W'));
    h.db.cursors.hook('creating', (_key, cursor) => written(cursor));
    h.db.cursors.hook('updating', (changes, _key, cursor) => written({ ...cursor, ...changes }));
    expect((await h.engine({ maxChangesReturned: 20, getItemBatch: 5 }).runPass('startup')).error).toBeUndefined();

    // Pages are written in order, one at a time; GetItem for a page goes out before the page
    // ahead of it is written (S S G … W), which a page-at-a-time sync never does (S G … W S).
    const sequence = log.join('');
    expect(sequence).toMatch(/S[G]*SG/);
    expect(sequence.match(/W/g)?.length).toBe(sequence.match(/S/g)?.length);
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });

  it('syncs with the summaries inline in SyncFolderItems just the same, without GetItem', async () => {
    h = await Harness.open(150);
    const mark = h.sent.length;
    await h.engine({ summaryInline: true }).runPass('startup');
    expect(h.requestsSince(mark)).not.toContain('GetItem');
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });
});

describe('incremental sync', () => {
  it('follows server-side creates, updates, read changes, moves and deletes', async () => {
    h = await Harness.open(60);
    const engine = h.engine();
    await engine.runPass('startup');

    await h.deliver('Fresh news', 'A brand new message about zeppelins');
    const [a, b, c, d] = await serverIds({ distinguished: 'inbox' }, 4);
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: a!,
          updates: [{ kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead: true } }],
        },
        {
          itemId: b!,
          updates: [
            {
              kind: 'Set',
              path: { fieldURI: 'item:Flag' },
              item: { kind: 'Message', flag: { flagStatus: 'Flagged' } },
            },
          ],
        },
      ],
    });
    await h.ews(MoveItem, { toFolderId: { distinguished: 'deleteditems' }, itemIds: [c!] });
    await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: [d!] });

    const mark = h.sent.length;
    await engine.runPass('poll');
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
    expect(h.requestsSince(mark)).toContain('GetItem');
    expect((await searchMessages(h.db, 'zeppel')).map((m) => m.subject)).toEqual(['Fresh news']);
  });

  it('keeps where the sender asked replies to go', async () => {
    h = await Harness.open(30);
    const engine = h.engine();
    await engine.runPass('startup');
    await h.deliver('Minutes', 'For the list', 'Engine list <engine@lists.example>');
    await engine.runPass('poll');
    const [row] = await searchMessages(h.db, 'minutes');
    expect(row?.replyTo).toEqual([{ name: 'Engine list', email: 'engine@lists.example' }]);
  });

  it('fetches nothing for a read flag set by another client', async () => {
    h = await Harness.open(30);
    const engine = h.engine();
    await engine.runPass('startup');
    const [a] = await serverIds({ distinguished: 'inbox' }, 1);
    const before = await h.db.messages.get(a!.id);
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: a!,
          updates: [
            { kind: 'Set', path: { fieldURI: 'message:IsRead' }, item: { kind: 'Message', isRead: !before!.isRead } },
          ],
        },
      ],
    });
    const mark = h.sent.length;
    await engine.runPass('poll');
    expect(h.requestsSince(mark)).not.toContain('GetItem');
    expect((await h.db.messages.get(a!.id))?.isRead).toBe(before!.isRead ? 0 : 1);
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });

  it('follows folders created, renamed, moved and deleted on the server', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    const projects = await h.createServerFolder('Airships');
    const sub = await h.createServerFolder('Zeppelin', projects);
    const old = await h.createServerFolder('Old stuff');
    await engine.runPass('poll');
    expect((await h.db.folders.get(sub))?.parentId).toBe(projects);

    await h.ews(UpdateFolder, {
      folderChanges: [
        {
          folderId: { id: projects },
          updates: [
            { kind: 'Set', path: { fieldURI: 'folder:DisplayName' }, folder: { kind: 'Folder', displayName: 'Work' } },
          ],
        },
      ],
    });
    await h.ews(DeleteFolder, { deleteType: 'HardDelete', folderIds: [{ id: old }] });
    await engine.runPass('poll');
    expect((await h.db.folders.get(projects))?.name).toBe('Work');
    expect(await h.db.folders.get(old)).toBeUndefined();
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });
});

describe('scheduling', () => {
  it('runs one pass at a time: concurrent polls join it, a person’s request runs once more after it', async () => {
    h = await Harness.open(20);
    const engine = h.engine();
    await engine.runPass('startup');
    const mark = h.sent.length;
    const [a, b, c] = [engine.runPass('poll'), engine.runPass('poll'), engine.runPass('user')];
    expect(a).toBe(b);
    await Promise.all([a, b, c]);
    expect(h.requestsSince(mark).filter((r) => r === 'SyncFolderHierarchy')).toHaveLength(2);
  });

  it('sends nothing while paused or offline, and says so', async () => {
    h = await Harness.open(10);
    const engine = h.engine();
    await engine.runPass('startup');
    const mark = h.sent.length;
    engine.setPaused(true);
    expect((await engine.runPass('user')).ran).toBe(false);
    expect(engine.status().connection).toEqual({ kind: 'paused' });
    engine.setPaused(false);
    engine.setOnline(false);
    expect((await engine.runPass('user')).ran).toBe(false);
    expect(engine.status().connection).toEqual({ kind: 'offline' });
    expect(h.requestsSince(mark)).toEqual([]);
    engine.setOnline(true);
    expect((await engine.runPass('online')).ran).toBe(true);
    expect(engine.status().connection).toEqual({ kind: 'online' });
  });
});

describe('bodies', () => {
  it('prefetches the newest bodies within the budget, then costs nothing, and fetches others on open', async () => {
    h = await Harness.open(80);
    const engine = h.engine({ prefetchBodies: true, bodiesPerFolder: 10 });
    await engine.runPass('startup');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const rows = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
    const stored = new Set(await h.db.bodies.toCollection().primaryKeys());
    expect(rows.slice(0, 10).every((r) => stored.has(r.id))).toBe(true);
    expect(rows.slice(10).some((r) => stored.has(r.id))).toBe(false);
    const body = await h.db.bodies.get(rows[0]!.id);
    expect(body?.content.length).toBeGreaterThan(0);

    const mark = h.sent.length;
    await engine.runPass('poll');
    expect(h.requestsSince(mark)).not.toContain('GetItem');

    const old = rows.at(-1)!;
    const opened = await engine.fetchBody(old.id);
    expect(opened?.id).toBe(old.id);
    expect(await h.db.bodies.get(old.id)).toBeDefined();
    expect(h.events.at(-2)).toEqual({ type: 'body-ready', messageId: old.id, ok: true });
  });

  it('stops at the byte budget', async () => {
    h = await Harness.open(80);
    await h.engine().runPass('startup');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const rows = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
    const budget = rows[0]!.size + rows[1]!.size + rows[2]!.size;
    await h.engine({ prefetchBodies: true, bodyBudgetBytes: budget }).runPass('poll');
    expect((await h.db.bodies.toCollection().primaryKeys()).sort()).toEqual(
      rows
        .slice(0, 3)
        .map((r) => r.id)
        .sort(),
    );
  });
});
