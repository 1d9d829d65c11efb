/**
 * The engine against a mailbox that has forgotten deletions its sync state still needed: the
 * server answers ErrorInvalidSyncStateData, as Exchange does once its deletion history no longer
 * reaches back that far, and the engine re-lists the folder without losing what the user did.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeleteItem, GetItem, SyncFolderItems } from '../../src/ews/index.js';
import { distinguishedFolder, recordAction } from '../../src/db/index.js';
import type { EmbeddedMailbox } from '../../src/server/mailbox/index.js';
import { Harness, plain } from './sync-harness.js';

const DAY = 24 * 60 * 60_000;

let h: Harness;
afterEach(() => h?.close());

describe('a sync state older than the mailbox remembers', () => {
  it('makes the engine re-list the folder: server deletions arrive, nothing else is lost, queued changes reach the server once', async () => {
    h = await Harness.open(60);
    // Harness.open opens the embedded mailbox, so its upkeep is there.
    const mailbox = h.mailbox as EmbeddedMailbox;
    // The engine's own daily re-list would also catch the deletions; put it out of the way so the
    // recovery seen here is the server's refusal of the stale state.
    const engine = h.engine({ maxChangesReturned: 10, reconcileSeconds: 365 * 24 * 3600 });
    await engine.runPass('startup');
    const inbox = (await distinguishedFolder(h.db, 'inbox'))!;
    const rows = (await h.rowsIn(inbox.id)).sort((a, b) => b.receivedAt - a.receivedAt);
    expect(rows.length).toBeGreaterThan(12);
    const cursor = (await h.db.cursors.get(inbox.id))!;
    const staleState = cursor.syncState!;
    const otherFolders = plain(await h.localSnapshot());
    delete otherFolders[inbox.id];

    // Another client deletes three messages; the engine does not hear of it before they are forgotten.
    const gone = rows.slice(2, 5).map((r) => r.id);
    await h.ews(DeleteItem, { deleteType: 'HardDelete', itemIds: gone.map((id) => ({ id })) });
    h.clock.advance(31 * DAY);
    expect(await mailbox.pruneTombstones()).toBe(3);
    const [refused] = await h.ews(SyncFolderItems, {
      itemShape: { baseShape: 'IdOnly' },
      syncFolderId: { id: inbox.id },
      syncState: staleState,
      maxChangesReturned: 10,
    });
    expect(refused?.responseCode).toBe('ErrorInvalidSyncStateData');

    // What the user did offline before the pass: marked a message unread, and a body already fetched.
    const kept = rows[0]!.id;
    const flagged = rows[1]!.id;
    const unread = rows[5]!.id;
    expect(rows[5]!.isRead).toBe(1);
    await recordAction(h.db, { kind: 'set-read', ids: [unread], isRead: false });
    await h.db.bodies.put({ id: kept, type: 'text', content: 'read offline', attachments: [], fetchedAt: 1, size: 12 });
    // …and one more change made while the pass is already under way, just before the re-list.
    let queued = false;
    h.observe = async (op) => {
      if (op !== 'SyncFolderItems' || queued) return;
      queued = true;
      await recordAction(h.db, { kind: 'set-flag', ids: [flagged], flag: 1 });
    };

    const mark = h.sent.length;
    const report = await engine.runPass('poll');
    h.observe = undefined;
    expect(report.error).toBeUndefined();
    // The re-list walked the whole folder again, a page of 10 at a time.
    const inboxSize = (await h.rowsIn(inbox.id)).length;
    expect(h.requestsSince(mark).filter((r) => r === 'SyncFolderItems').length).toBeGreaterThan(
      Math.ceil(inboxSize / 10),
    );
    for (const id of gone) expect(await h.db.messages.get(id)).toBeUndefined();
    expect(inboxSize).toBe(rows.length - gone.length);
    expect((await h.db.messages.get(unread))?.isRead).toBe(0);
    expect((await h.db.bodies.get(kept))?.content).toBe('read offline');
    // The flag is still waiting to go out, and the re-list did not take it back.
    expect(await h.db.outbox.count()).toBe(1);
    expect((await h.db.messages.get(flagged))?.flag).toBe(1);

    await engine.runPass('outbox');
    expect(await h.db.outbox.count()).toBe(0);
    expect(h.requestsSince(mark).filter((r) => r === 'UpdateItem')).toHaveLength(2);
    const server = await h.ews(GetItem, {
      itemShape: {
        baseShape: 'IdOnly',
        additionalProperties: [{ fieldURI: 'message:IsRead' }, { fieldURI: 'item:Flag' }],
      },
      itemIds: [{ id: unread }, { id: flagged }],
    });
    expect(server[0]?.items?.[0]?.isRead).toBe(false);
    expect(server[1]?.items?.[0]?.flag?.flagStatus).toBe('Flagged');

    const after = plain(await h.localSnapshot());
    expect(after).toEqual(plain(await h.serverSnapshot()));
    // Other folders lost nothing.
    for (const [id, folder] of Object.entries(otherFolders)) expect(after[id]).toEqual(folder);
  });
});
