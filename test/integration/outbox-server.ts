/** What the server holds, read through EWS with the codec, for the outbox tests. */
import { FindItem } from '../../src/ews/index.js';
import type { FlagState } from '../../src/db/index.js';
import { TERN_OPERATION_ID } from '../../src/sync/outbox/draft-item.js';
import type { Harness } from './sync-harness.js';

export interface ServerMessage {
  id: string;
  folder: string;
  isRead: boolean;
  flag: FlagState;
  categories: string[];
  /** How many messages carry this Message-ID in the whole mailbox. */
  count: number;
}

const FLAG: Record<string, FlagState> = { NotFlagged: 0, Flagged: 1, Complete: 2 };

/** Every message of the demo user's mail folders, by Message-ID (the id a move keeps). */
export async function serverMessages(h: Harness): Promise<Map<string, ServerMessage>> {
  const out = new Map<string, ServerMessage>();
  for (const f of await h.serverFolders()) {
    for (let offset = 0; ;) {
      const [m] = await h.ews(FindItem, {
        traversal: 'Shallow',
        itemShape: {
          baseShape: 'IdOnly',
          additionalProperties: ['message:InternetMessageId', 'message:IsRead', 'item:Flag', 'item:Categories'].map(
            (fieldURI) => ({ fieldURI }),
          ),
        },
        view: { kind: 'Indexed', maxEntriesReturned: 500, offset, basePoint: 'Beginning' },
        parentFolderIds: [{ id: f.folderId!.id }],
      });
      const root = m?.rootFolder;
      if (!root) throw new Error(`FindItem failed: ${m?.responseCode}`);
      for (const it of root.items) {
        const key = it.internetMessageId ?? `id:${it.itemId!.id}`;
        const seen = out.get(key);
        out.set(key, {
          id: it.itemId!.id,
          folder: f.folderId!.id,
          isRead: it.isRead ?? true,
          flag: FLAG[it.flag?.flagStatus ?? 'NotFlagged'] ?? 0,
          categories: it.categories ?? [],
          count: (seen?.count ?? 0) + 1,
        });
      }
      offset += root.items.length;
      if (root.includesLastItemInRange || root.items.length === 0) break;
    }
  }
  return out;
}

/** How many messages in a well-known folder carry this outbox operation id. */
export async function opIdCount(h: Harness, opId: string, folder: string, user?: string): Promise<number> {
  const [m] = await h.ews(
    FindItem,
    {
      traversal: 'Shallow',
      itemShape: { baseShape: 'IdOnly' },
      restriction: { op: 'IsEqualTo', path: { extended: TERN_OPERATION_ID }, value: opId },
      parentFolderIds: [{ distinguished: folder }],
    },
    user,
  );
  if (!m?.rootFolder) throw new Error(`FindItem failed: ${m?.responseCode}`);
  return m.rootFolder.items.length;
}
