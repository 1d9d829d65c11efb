import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../../test/contract/ews-client.js';
import {
  DeleteItem,
  MoveItem,
  SyncFolderItems,
  type FolderRef,
  type ItemChange,
  type ItemId,
} from '../../ews/index.js';
import { openMailbox, type EmbeddedMailbox } from './index.js';

const DAY = 24 * 60 * 60_000;

let mailbox: EmbeddedMailbox | undefined;
afterEach(() => mailbox?.close());

/** An empty mailbox on a clock the test moves, and a client of it (throttling out of the way). */
function open() {
  let now = Date.UTC(2026, 2, 1, 9);
  mailbox = openMailbox({
    dataDir: ':memory:',
    seedMessages: 0,
    clock: () => now,
    throttle: { burst: 100_000, rechargePerSecond: 100_000 },
  });
  const m = mailbox;
  const client = new EwsClient(
    { send: async (user, soap) => (await m.handle(user, soap)).body, close: async () => {} },
    'demo@tern.test',
    [],
  );
  return { mailbox: m, client, advance: (ms: number) => (now += ms) };
}

/** One SyncFolderItems page, whatever its outcome. */
async function page(client: EwsClient, folder: FolderRef, syncState?: string, max = 512) {
  const [m] = await client.call(SyncFolderItems, {
    itemShape: { baseShape: 'IdOnly' },
    syncFolderId: folder,
    ...(syncState ? { syncState } : {}),
    maxChangesReturned: max,
  });
  return m!;
}

const deleted = (changes: ItemChange[]) => changes.flatMap((c) => (c.type === 'Delete' ? [c.itemId.id] : []));
const created = (changes: ItemChange[]) => changes.flatMap((c) => (c.type === 'Create' ? [c.item.itemId!.id] : []));

async function hardDelete(client: EwsClient, ids: ItemId[]) {
  const answers = await client.call(DeleteItem, { deleteType: 'HardDelete', itemIds: ids });
  expect(answers.map((a) => a.responseCode)).toEqual(ids.map(() => 'NoError'));
}

describe('SyncFolderItems after old tombstones are pruned', () => {
  it('refuses a state from before the horizon, keeps answering one at or after it, and always an initial sync', async () => {
    const { mailbox, client, advance } = open();
    const folder = await client.createFolder('Kept a while');
    const archive = await client.createFolder('Moved here');
    const ids = await client.fill(folder, 10);
    const before = await client.syncAll(folder);
    expect(created(before.changes)).toHaveLength(10);

    await hardDelete(client, [ids[0]!]);
    await hardDelete(client, [ids[1]!]);
    await client.one(MoveItem, { toFolderId: archive, itemIds: [ids[2]!] });
    // This state ends at the move, the last deletion to be pruned: its position is the horizon itself.
    const after = await client.syncAll(folder, before.state);
    expect(deleted(after.changes).sort()).toEqual([ids[0]!.id, ids[1]!.id, ids[2]!.id].sort());

    // Within the 30 days nothing goes, and the old state still works.
    advance(29 * DAY);
    expect(await mailbox.pruneTombstones()).toBe(0);
    expect((await page(client, folder, before.state)).responseCode).toBe('NoError');

    advance(2 * DAY);
    await hardDelete(client, [ids[3]!]);
    expect(await mailbox.pruneTombstones()).toBe(3);

    const stale = await page(client, folder, before.state);
    expect(stale.responseClass).toBe('Error');
    expect(stale.responseCode).toBe('ErrorInvalidSyncStateData');
    expect(stale.syncState).toBe('');

    const newer = await client.syncAll(folder, after.state);
    expect(newer.changes.map((c) => c.type)).toEqual(['Delete']);
    expect(deleted(newer.changes)).toEqual([ids[3]!.id]);

    const fresh = await client.syncAll(folder);
    expect(created(fresh.changes).sort()).toEqual(
      ids
        .slice(4)
        .map((i) => i.id)
        .sort(),
    );
    // The fresh tombstone stays until its own 30 days are up.
    expect(await mailbox.pruneTombstones()).toBe(0);
    expect(deleted((await client.syncAll(folder, after.state)).changes)).toEqual([ids[3]!.id]);
  });

  it('keeps a horizon per folder: states of folders that lost nothing still work', async () => {
    const { mailbox, client, advance } = open();
    const busy = await client.createFolder('Busy');
    const quiet = await client.createFolder('Quiet');
    const ids = await client.fill(busy, 4);
    await client.fill(quiet, 3);
    const busyState = await client.syncAll(busy);
    const quietState = await client.syncAll(quiet);
    const inboxState = await client.syncAll({ distinguished: 'inbox' });

    // Moving out leaves a tombstone in the source only; the target gets the item as new.
    await client.one(MoveItem, { toFolderId: quiet, itemIds: [ids[0]!] });
    await hardDelete(client, [ids[1]!]);
    advance(31 * DAY);
    expect(await mailbox.pruneTombstones()).toBe(2);

    expect((await page(client, busy, busyState.state)).responseCode).toBe('ErrorInvalidSyncStateData');
    const q = await client.syncAll(quiet, quietState.state);
    expect(q.changes.map((c) => c.type)).toEqual(['Create']);
    expect((await page(client, { distinguished: 'inbox' }, inboxState.state)).responseCode).toBe('NoError');
  });

  it('refuses an unfinished initial sync that began before the horizon, and lets one begun after it finish', async () => {
    const { mailbox, client, advance } = open();
    const folder = await client.createFolder('Paged');
    const ids = await client.fill(folder, 6);
    const early = await page(client, folder, undefined, 2);
    expect(early.includesLastItemInRange).toBe(false);

    await hardDelete(client, [ids[5]!]);
    advance(31 * DAY);
    expect(await mailbox.pruneTombstones()).toBe(1);
    expect((await page(client, folder, early.syncState, 2)).responseCode).toBe('ErrorInvalidSyncStateData');

    const late = await page(client, folder, undefined, 2);
    const rest = await client.syncAll(folder, late.syncState, 2);
    expect([...created(late.changes!), ...created(rest.changes)].sort()).toEqual(
      ids
        .slice(0, 5)
        .map((i) => i.id)
        .sort(),
    );
  });

  it('keeps the number of days it is opened with', async () => {
    let now = Date.UTC(2026, 2, 1);
    mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 0, clock: () => now, tombstones: { days: 2 } });
    const m = mailbox;
    const client = new EwsClient(
      { send: async (u, soap) => (await m.handle(u, soap)).body, close: async () => {} },
      'demo@tern.test',
      [],
    );
    const folder = await client.createFolder('Short memory');
    const ids = await client.fill(folder, 2);
    await hardDelete(client, ids);
    now += 1 * DAY;
    expect(await m.pruneTombstones()).toBe(0);
    now += 1 * DAY + 1;
    expect(await m.pruneTombstones()).toBe(2);
  });

  it('refuses retention settings that cannot work before it opens anything', () => {
    expect(() => openMailbox({ dataDir: ':memory:', seedMessages: 0, tombstones: { days: -3 } })).toThrow(
      /tombstones\.days must be 0 or more/,
    );
  });
});
