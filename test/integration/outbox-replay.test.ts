import { afterEach, describe, expect, it } from 'vitest';
import { DeleteFolder, DeleteItem, FindItem, GetItem, UpdateItem, type Item } from '../../src/ews/index.js';
import { distinguishedFolder, localDraftId, recordAction, type Draft } from '../../src/db/index.js';
import { outboxNotes } from '../../src/db/outbox-notes.js';
import { releaseSend, takeBackSend } from '../../src/db/outbox-admin.js';
import { ADA, Harness, plain } from './sync-harness.js';

let h: Harness;
afterEach(() => h?.close());

const toAda = (subject: string, text = 'Hello Ada'): Draft => ({
  to: [{ name: 'Ada', email: ADA }],
  cc: [],
  bcc: [],
  subject,
  text,
});

async function serverItem(id: string, ...more: string[]): Promise<Item | undefined> {
  const [m] = await h.ews(GetItem, {
    itemShape: {
      baseShape: 'IdOnly',
      additionalProperties: ['message:IsRead', 'item:Flag', 'item:Subject', 'item:ParentFolderId', ...more].map(
        (fieldURI) => ({ fieldURI }),
      ),
    },
    itemIds: [{ id }],
  });
  return m?.responseClass === 'Success' ? m.items?.[0] : undefined;
}

async function subjectsIn(folder: string, user = ADA): Promise<string[]> {
  const [m] = await h.ews(
    FindItem,
    {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
      parentFolderIds: [{ distinguished: folder }],
    },
    user,
  );
  return (m?.rootFolder?.items ?? []).map((i) => i.subject ?? '');
}

async function started(seed = 20) {
  h = await Harness.open(seed);
  const engine = h.engine();
  await engine.runPass('startup');
  const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
  const rows = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
  return { engine, inbox, rows };
}

async function converged() {
  expect(await h.db.outbox.count()).toBe(0);
  expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
}

describe('outbox replay', () => {
  it('marks read and flags, many ids in one request, and the echo costs no fetch', async () => {
    const { engine, inbox } = await started();
    for (const n of [1, 2, 3]) await h.deliver(`Fresh ${n}`);
    await engine.runPass('poll');
    const ids = (await h.rowsIn(inbox.id)).filter((r) => r.subject.startsWith('Fresh')).map((r) => r.id);
    expect(ids).toHaveLength(3);
    await recordAction(h.db, { kind: 'set-read', ids, isRead: true });
    await recordAction(h.db, { kind: 'set-flag', ids, flag: 1 });
    const mark = h.sent.length;
    await engine.runPass('outbox');
    const requests = h.requestsSince(mark);
    expect(requests.filter((r) => r === 'UpdateItem')).toHaveLength(2);
    expect(requests).not.toContain('GetItem');
    for (const id of ids) expect(await serverItem(id)).toMatchObject({ isRead: true, flag: { flagStatus: 'Flagged' } });
    await converged();
  });

  it('sends an intent about a whole folder a hundred ids at a time; one cut short resumes, moving nothing twice', async () => {
    const { engine, rows } = await started(900);
    const ids = rows.slice(0, 250).map((r) => r.id);
    expect(ids).toHaveLength(250);
    await recordAction(h.db, { kind: 'set-read', ids, isRead: true });
    let mark = h.sent.length;
    await engine.runPass('outbox');
    expect(h.requestsSince(mark).filter((r) => r === 'UpdateItem')).toHaveLength(3);
    await converged();

    // The connection drops after the first hundred have moved; the next pass finds them moved.
    const kept = await h.createServerFolder('Kept');
    await engine.runPass('poll');
    await recordAction(h.db, { kind: 'move', ids, toFolderId: kept });
    let moves = 0;
    h.cut = (op) => op === 'MoveItem' && ++moves > 1;
    await engine.runPass('outbox');
    expect(moves).toBe(2);
    h.cut = undefined;
    mark = h.sent.length;
    await engine.runPass('outbox');
    // The outbox goes first in a pass; what comes after is the download.
    const all = h.requestsSince(mark);
    const again = all.slice(0, all.indexOf('SyncFolderHierarchy'));
    expect(again.filter((r) => r === 'GetItem')).toHaveLength(3);
    expect(again.filter((r) => r === 'MoveItem')).toHaveLength(2);
    expect((await h.rowsIn(kept)).length).toBe(250);
    await converged();
  });

  it('moves, then a change queued after the move reaches the moved message under its new id', async () => {
    const { engine, rows } = await started();
    const archive = await h.createServerFolder('Archive 2026');
    await engine.runPass('poll');
    const id = rows[0]!.id;
    await recordAction(h.db, { kind: 'move', ids: [id], toFolderId: archive });
    await recordAction(h.db, { kind: 'set-flag', ids: [id], flag: 2 });
    await engine.runPass('outbox');
    const moved = (await h.rowsIn(archive))[0]!;
    expect(moved.id).not.toBe(id);
    expect(await serverItem(moved.id)).toMatchObject({
      flag: { flagStatus: 'Complete' },
      parentFolderId: { id: archive },
    });
    expect(await serverItem(id)).toBeUndefined();
    await converged();
  });

  it('deletes to Deleted Items, then for good from there', async () => {
    const { engine, rows } = await started();
    const trash = (await distinguishedFolder(h.db, 'deleteditems'))!;
    await recordAction(h.db, { kind: 'delete', ids: [rows[0]!.id, rows[1]!.id] });
    await engine.runPass('outbox');
    const inTrash = await h.rowsIn(trash.id);
    expect(inTrash.map((r) => r.subject).sort()).toEqual([rows[0]!.subject, rows[1]!.subject].sort());
    await converged();

    await recordAction(h.db, { kind: 'delete', ids: [inTrash[0]!.id] });
    await engine.runPass('outbox');
    expect(await serverItem(inTrash[0]!.id)).toBeUndefined();
    await converged();
  });

  it('sends: Ada receives it, Sent Items holds it, Drafts is empty', async () => {
    const { engine } = await started(0);
    await recordAction(h.db, {
      kind: 'send',
      draft: { ...toAda('Lunch?'), cc: [{ name: '', email: 'someone@example.org' }] },
    });
    await engine.runPass('outbox');
    expect(await subjectsIn('inbox')).toContain('Lunch?');
    const sent = (await distinguishedFolder(h.db, 'sentitems'))!;
    expect((await h.rowsIn(sent.id)).map((r) => r.subject)).toEqual(['Lunch?']);
    expect((await distinguishedFolder(h.db, 'drafts'))!.total).toBe(0);
    await converged();
  });

  it('holds a send for its Undo while what comes after it goes on, then sends it once', async () => {
    const { engine, rows } = await started(5);
    const now = h.clock.now();
    const opId = await recordAction(h.db, { kind: 'send', draft: toAda('Held') }, now, { holdUntil: now + 10_000 });
    await recordAction(h.db, { kind: 'set-read', ids: [rows[0]!.id], isRead: true });
    await engine.runPass('outbox');
    expect(await subjectsIn('inbox')).not.toContain('Held');
    expect((await serverItem(rows[0]!.id))?.isRead).toBe(true);
    expect((await h.db.outbox.toArray()).map((e) => e.opId)).toEqual([opId]);
    h.clock.advance(10_000);
    await engine.runPass('outbox');
    expect((await subjectsIn('inbox')).filter((s) => s === 'Held')).toHaveLength(1);
    await converged();
  });

  it('takes back a held send untouched, and not one a pass has started', async () => {
    const { engine } = await started(0);
    const now = h.clock.now();
    const hold = { holdUntil: now + 10_000 };
    const first = await recordAction(h.db, { kind: 'send', draft: toAda('Taken back') }, now, hold);
    const restored: string[] = [];
    expect(await takeBackSend(h.db, first, async () => restored.push('draft'))).toBe(true);
    expect(restored).toEqual(['draft']);
    expect(await h.db.outbox.count()).toBe(0);

    const second = await recordAction(h.db, { kind: 'send', draft: toAda('Gone') }, now, hold);
    await releaseSend(h.db, second);
    await engine.runPass('outbox');
    expect(await takeBackSend(h.db, second, async () => restored.push('too late'))).toBe(false);
    expect(restored).toEqual(['draft']);
    expect(await subjectsIn('inbox')).toEqual(['Gone']);
    await converged();
  });

  it('saves a draft, saves it again, then sends it: one message, no draft left', async () => {
    const { engine } = await started(0);
    const drafts = (await distinguishedFolder(h.db, 'drafts'))!;
    const opId = await recordAction(h.db, { kind: 'save-draft', draft: toAda('Plan', 'first words') });
    const local = localDraftId(opId);
    await recordAction(h.db, { kind: 'save-draft', draft: toAda('Plan B', 'second words'), draftId: local });
    await engine.runPass('outbox');
    const [row] = await h.rowsIn(drafts.id);
    expect(row?.id).not.toBe(local);
    expect(await serverItem(row!.id)).toMatchObject({ subject: 'Plan B' });
    await converged();

    await recordAction(h.db, { kind: 'send', draft: toAda('Plan B', 'final words'), draftId: row!.id });
    await engine.runPass('outbox');
    expect((await subjectsIn('inbox')).filter((s) => s === 'Plan B')).toHaveLength(1);
    expect((await distinguishedFolder(h.db, 'drafts'))!.total).toBe(0);
    await converged();
  });

  it('creates a folder offline, moves mail into it, renames it, and all of it lands', async () => {
    const { engine, rows } = await started();
    await recordAction(h.db, { kind: 'create-folder', parentId: '', name: 'Trips', tempId: 'local:folder:trips' });
    await recordAction(h.db, { kind: 'move', ids: [rows[0]!.id], toFolderId: 'local:folder:trips' });
    await recordAction(h.db, { kind: 'rename-folder', id: 'local:folder:trips', name: 'Journeys' });
    await engine.runPass('outbox');
    const folder = (await h.db.folders.toArray()).find((f) => f.name === 'Journeys');
    expect(folder?.id.startsWith('local:')).toBe(false);
    expect((await h.rowsIn(folder!.id)).map((r) => r.subject)).toEqual([rows[0]!.subject]);
    await converged();

    await recordAction(h.db, { kind: 'delete-folder', id: folder!.id });
    await engine.runPass('outbox');
    const trash = (await distinguishedFolder(h.db, 'deleteditems'))!;
    expect((await h.db.folders.toArray()).find((f) => f.name === 'Journeys')?.parentId).toBe(trash.id);
    await converged();
  });

  it('re-reads a stale ChangeKey and applies the user’s intent', async () => {
    const { engine, rows } = await started();
    const id = rows[0]!.id;
    // Another client changes the message; our ChangeKey is now old.
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: { id },
          updates: [{ kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject: 'Edited' } }],
        },
      ],
    });
    await recordAction(h.db, { kind: 'set-flag', ids: [id], flag: 1 });
    await engine.runPass('outbox');
    expect(await serverItem(id)).toMatchObject({ subject: 'Edited', flag: { flagStatus: 'Flagged' } });
    await converged();
  });

  it('adds and removes one category, keeping the ones another client set meanwhile', async () => {
    const { engine, rows } = await started();
    const id = rows[0]!.id;
    const categoriesOnServer = async () => (await serverItem(id, 'item:Categories'))?.categories ?? [];
    // Another client files the message under Blue; this device has not seen it yet.
    await h.ews(UpdateItem, {
      conflictResolution: 'AlwaysOverwrite',
      messageDisposition: 'SaveOnly',
      itemChanges: [
        {
          itemId: { id },
          updates: [
            {
              kind: 'Set',
              path: { fieldURI: 'item:Categories' },
              item: { kind: 'Message', categories: ['Blue category'] },
            },
          ],
        },
      ],
    });
    await recordAction(h.db, { kind: 'categorize', ids: [id], category: 'Red category', on: true });
    expect((await h.db.messages.get(id))?.categories).toEqual(['Red category']);
    let mark = h.sent.length;
    await engine.runPass('outbox');
    expect(h.requestsSince(mark).slice(0, 2)).toEqual(['GetItem', 'UpdateItem']);
    expect(await categoriesOnServer()).toEqual(['Blue category', 'Red category']);
    await engine.runPass('poll');
    expect((await h.db.messages.get(id))?.categories).toEqual(['Blue category', 'Red category']);
    await converged();

    // Already so on the server: read, and nothing written.
    await recordAction(h.db, { kind: 'categorize', ids: [id], category: 'Blue category', on: true });
    mark = h.sent.length;
    await engine.runPass('outbox');
    expect(h.requestsSince(mark).filter((r) => r === 'UpdateItem')).toEqual([]);

    for (const category of ['Blue category', 'Red category'])
      await recordAction(h.db, { kind: 'categorize', ids: [id], category, on: false });
    expect((await h.db.messages.get(id))?.categories).toBeUndefined();
    await engine.runPass('outbox');
    expect(await categoriesOnServer()).toEqual([]);
    await engine.runPass('poll');
    await converged();
  });

  it('a move to a folder deleted on the server is parked in plain words and does not hold up the next one', async () => {
    const { engine, rows } = await started();
    const doomed = await h.createServerFolder('Doomed');
    await engine.runPass('poll');
    await recordAction(h.db, { kind: 'move', ids: [rows[0]!.id], toFolderId: doomed });
    await recordAction(h.db, { kind: 'set-read', ids: [rows[1]!.id], isRead: !rows[1]!.isRead });
    await h.ews(DeleteFolder, { deleteType: 'HardDelete', folderIds: [{ id: doomed }] });
    const report = await engine.runPass('outbox');
    expect(report.summary).toMatchObject({ pushed: 1, pushFailed: 1 });
    const [entry] = await h.db.outbox.toArray();
    expect(entry).toMatchObject({ state: 'parked', op: { kind: 'move' } });
    expect(entry?.error).toEqual({ code: 'target-gone', folder: 'Doomed', count: 1 });
    expect(await serverItem(rows[1]!.id)).toMatchObject({ isRead: !rows[1]!.isRead });
    // The message is shown where it really is, and everything else matches the server.
    expect((await h.db.messages.get(rows[0]!.id))?.folderId).toBe(rows[0]!.folderId);
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });

  it('a folder deleted for good waits for a parked move out of it: the message it still holds is not lost', async () => {
    const { engine, rows } = await started();
    const old = await h.createServerFolder('Old projects');
    const doomed = await h.createServerFolder('Doomed');
    await engine.runPass('poll');
    const id = rows[0]!.id;
    await recordAction(h.db, { kind: 'move', ids: [id], toFolderId: old });
    await engine.runPass('outbox');
    const inOld = (await h.db.messages.toArray()).find((m) => m.folderId === old)!;
    expect(inOld).toBeDefined();

    // On the train: the message out of Old projects, then Old projects deleted, then for good;
    // meanwhile another client deletes the folder the message went to.
    await recordAction(h.db, { kind: 'move', ids: [inOld.id], toFolderId: doomed });
    await recordAction(h.db, { kind: 'delete-folder', id: old });
    await recordAction(h.db, { kind: 'delete-folder', id: old });
    await h.ews(DeleteFolder, { deleteType: 'HardDelete', folderIds: [{ id: doomed }] });
    await engine.runPass('outbox'); // the move is parked; what needs its folder waits a pass
    await engine.runPass('outbox');

    // The move could not happen, so the message is still in Old projects on the server: the
    // delete for good waits, parked with it, instead of taking the message along.
    const left = await h.db.outbox.orderBy('seq').toArray();
    expect(left.map((e) => [e.op.kind, e.state, typeof e.error === 'object' && e.error.code])).toEqual([
      ['move', 'parked', 'target-gone'],
      ['delete-folder', 'parked', 'holds-moved'],
    ]);
    expect(await serverItem(inOld.id)).toMatchObject({ parentFolderId: { id: old } });
    await engine.runPass('poll');
    expect((await h.db.messages.get(inOld.id))?.folderId).toBe(old);
  });

  it('a folder made under one deleted on the server is parked naming both, and what needs it waits with it', async () => {
    const { engine, rows } = await started();
    const gone = await h.createServerFolder('Side projects');
    await engine.runPass('poll');
    await recordAction(h.db, { kind: 'create-folder', parentId: gone, name: 'Tern', tempId: 'local:folder:tern' });
    await recordAction(h.db, { kind: 'move', ids: [rows[0]!.id], toFolderId: 'local:folder:tern' });
    await h.ews(DeleteFolder, { deleteType: 'HardDelete', folderIds: [{ id: gone }] });
    await engine.runPass('outbox');
    const [create, move] = await h.db.outbox.orderBy('seq').toArray();
    const reason = { code: 'parent-gone', name: 'Tern', folder: 'Side projects' };
    expect(create).toMatchObject({ state: 'parked', error: reason });
    expect(move).toMatchObject({ state: 'parked', error: { code: 'needs-failed', cause: reason } });
    expect((await h.db.messages.get(rows[0]!.id))?.folderId).toBe(rows[0]!.folderId);
  });

  it('a change to a message deleted on the server first ends with a note saying how many', async () => {
    const { engine, rows } = await started();
    const ids = [rows[0]!.id, rows[1]!.id];
    await recordAction(h.db, { kind: 'set-flag', ids, flag: 1 });
    await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: ids.map((id) => ({ id })) });
    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await outboxNotes(h.db)).toMatchObject([{ what: { code: 'messages-gone', count: 2 } }]);
  });
});
