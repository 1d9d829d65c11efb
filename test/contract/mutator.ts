import { CreateItem, DeleteItem, MoveItem, UpdateItem, type FolderId, type ItemId } from '../../src/ews/index.js';
import type { EwsClient } from './ews-client.js';

/**
 * Changes a folder between sync pages, the way another client would: a new item, a deletion, a
 * move out and a move in, read flips, an edit, and an item created and deleted before the syncing
 * client could see it. Targets alternate between the newest items (already paged) and the oldest
 * (still ahead in a newest-first snapshot).
 */
export class Mutator {
  applied = 0;
  private live: ItemId[] | undefined;
  private elsewhere: ItemId[] | undefined;
  private readonly every: number;
  private readonly planned = 18;

  constructor(
    private readonly c: EwsClient,
    private readonly folder: FolderId,
    private readonly other: FolderId,
    pageSize: number,
  ) {
    this.every = pageSize >= 512 ? 1 : pageSize >= 7 ? 9 : 60;
  }

  get done(): boolean {
    return this.applied >= this.planned;
  }

  private async load(): Promise<void> {
    const ids = (m: Map<string, boolean>) => [...m.keys()].map((id) => ({ id }));
    this.live ??= ids(await this.c.list(this.folder));
    this.elsewhere ??= ids(await this.c.list(this.other));
  }

  /** Takes an item of the list: the newest (paged already) or the oldest (not yet), in turn. */
  private take(list: ItemId[]): ItemId {
    return (this.applied % 2 ? list.shift() : list.pop())!;
  }

  async step(page: number): Promise<void> {
    if (this.done || page % this.every !== 0) return;
    await this.load();
    const live = this.live!;
    switch (this.applied % 6) {
      case 0: {
        const [id] = await this.c.fill(
          this.folder,
          1,
          `Arrived ${this.applied}`,
          Date.UTC(2026, 5, 1) + this.applied * 60_000,
        );
        live.push(id!);
        break;
      }
      case 1:
        await this.c.one(DeleteItem, { deleteType: 'HardDelete', itemIds: [this.take(live)] });
        break;
      case 2: {
        const m = await this.c.one(MoveItem, { toFolderId: this.other, itemIds: [this.take(live)] });
        this.elsewhere!.push(m.items![0]!.itemId!);
        break;
      }
      case 3: {
        const m = await this.c.one(MoveItem, { toFolderId: this.folder, itemIds: [this.elsewhere!.shift()!] });
        live.push(m.items![0]!.itemId!);
        break;
      }
      case 4:
        for (const id of [live[live.length - 1]!, live[0]!, live[1]!])
          await this.c.one(UpdateItem, {
            conflictResolution: 'AlwaysOverwrite',
            messageDisposition: 'SaveOnly',
            itemChanges: [
              {
                itemId: { id: id.id },
                updates: [
                  {
                    kind: 'Set',
                    path: { fieldURI: 'message:IsRead' },
                    item: { kind: 'Message', isRead: this.applied % 4 === 0 },
                  },
                ],
              },
            ],
          });
        break;
      case 5: {
        const made = await this.c.one(CreateItem, {
          messageDisposition: 'SaveOnly',
          savedItemFolderId: this.folder,
          items: [{ kind: 'Message', subject: 'Here and gone', body: { bodyType: 'Text', value: 'x' } }],
        });
        await this.c.one(DeleteItem, { deleteType: 'HardDelete', itemIds: [made.items![0]!.itemId!] });
        const target = live[Math.floor(live.length / 2)]!;
        for (const subject of ['Edited once', 'Edited twice'])
          await this.c.one(UpdateItem, {
            conflictResolution: 'AlwaysOverwrite',
            messageDisposition: 'SaveOnly',
            itemChanges: [
              {
                itemId: { id: target.id },
                updates: [{ kind: 'Set', path: { fieldURI: 'item:Subject' }, item: { kind: 'Message', subject } }],
              },
            ],
          });
        break;
      }
    }
    this.applied++;
  }
}
