import { afterAll, describe, expect, it } from 'vitest';
import {
  CopyItem,
  CreateFolder,
  CreateItem,
  DeleteFolder,
  MoveItem,
  decodeResponse,
  encodeRequest,
  type Operation,
} from '../../ews/index.js';
import { openMailbox } from './index.js';

const DEMO = 'demo@tern.test';
const mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
afterAll(() => mailbox.close());

async function call<Req, Msg>(op: Operation<Req, Msg>, req: Req) {
  return decodeResponse(op, (await mailbox.handle(DEMO, encodeRequest(op, req))).body).messages;
}

describe('MoveItem and CopyItem to a folder that is gone', () => {
  it('answer ErrorToFolderNotFound, and ErrorItemNotFound only for a message that is gone', async () => {
    const [made] = await call(CreateFolder, {
      parentFolderId: { distinguished: 'msgfolderroot' },
      folders: [{ kind: 'Folder', folderClass: 'IPF.Note', displayName: 'Trip to Lisbon' }],
    });
    const folderId = made!.folders![0]!.folderId!.id;
    const [saved] = await call(CreateItem, {
      messageDisposition: 'SaveOnly',
      savedItemFolderId: { distinguished: 'inbox' },
      items: [{ kind: 'Message', subject: 'Boarding pass' }],
    });
    const itemId = saved!.items![0]!.itemId!;
    await call(DeleteFolder, { deleteType: 'HardDelete', folderIds: [{ id: folderId }] });

    for (const op of [MoveItem, CopyItem]) {
      const [m] = await call(op, { toFolderId: { id: folderId }, itemIds: [{ id: itemId.id }] });
      expect(m).toMatchObject({ responseClass: 'Error', responseCode: 'ErrorToFolderNotFound' });
    }
    const [gone] = await call(MoveItem, {
      toFolderId: { distinguished: 'archive' },
      itemIds: [{ id: `${itemId.id}x` }],
    });
    expect(gone?.responseCode).not.toBe('ErrorToFolderNotFound');
  });
});
