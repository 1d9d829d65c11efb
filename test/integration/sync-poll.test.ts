import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindItem, MoveItem } from '../../src/ews/index.js';
import type { Engine } from '../../src/sync/index.js';
import { Harness, plain } from './sync-harness.js';

let h: Harness;
let engine: Engine;
const folders: string[] = [];

beforeAll(async () => {
  h = await Harness.open(200);
  // 100 folders of the user's own, some nested, as a long-time Outlook user has.
  for (let i = 0; i < 100; i++)
    folders.push(
      await h.createServerFolder(`Folder ${i}`, i % 10 && folders[i - (i % 10)] ? folders[i - (i % 10)]! : undefined),
    );
  engine = h.engine({ prefetchBodies: true });
  await engine.runPass('startup');
}, 180_000);
afterAll(() => h.close());

describe('polling a 100-folder mailbox', () => {
  it('costs at most 5 requests when nothing changed', async () => {
    expect((await h.db.folders.toArray()).length).toBeGreaterThanOrEqual(105);
    h.clock.advance(60_000);
    const mark = h.sent.length;
    const report = await engine.runPass('poll');
    expect(report.error).toBeUndefined();
    const requests = h.requestsSince(mark);
    expect(requests.length).toBeLessThanOrEqual(5);
    expect(requests).toEqual(['SyncFolderHierarchy', 'GetFolder', 'SyncFolderItems']);
  });

  it('also syncs the open folder, and a folder whose counts changed, and nothing else', async () => {
    const open = folders[42]!;
    const target = folders[77]!;
    const [m] = await h.ews(FindItem, {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly' },
      view: { kind: 'Indexed', maxEntriesReturned: 1, offset: 0, basePoint: 'Beginning' },
      parentFolderIds: [{ distinguished: 'inbox' }],
    });
    await h.ews(MoveItem, { toFolderId: { id: target }, itemIds: [m!.rootFolder!.items[0]!.itemId!] });
    h.clock.advance(60_000);
    const mark = h.sent.length;
    await engine.runPass('open-folder', { folderId: open });
    const requests = h.requestsSince(mark);
    expect(requests.filter((r) => r === 'SyncFolderItems')).toHaveLength(3); // inbox, the open one, folder 77
    expect(plain(await h.localSnapshot())).toEqual(plain(await h.serverSnapshot()));
  });

  it('looks at every folder at least every ten minutes', async () => {
    h.clock.advance(10 * 60_000);
    const mark = h.sent.length;
    await engine.runPass('poll');
    expect(h.requestsSince(mark).filter((r) => r === 'SyncFolderItems').length).toBeGreaterThanOrEqual(100);
    h.clock.advance(60_000);
    const again = h.sent.length;
    await engine.runPass('poll');
    expect(h.requestsSince(again).length).toBeLessThanOrEqual(5);
  });
});
