import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GetFolder, GetItem, FindItem, decodeResponse, encodeRequest } from '../../ews/index.js';
import { openMailbox } from './index.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tern-mailbox-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const inbox = encodeRequest(FindItem, {
  traversal: 'Shallow',
  itemShape: { baseShape: 'IdOnly' },
  view: { kind: 'Indexed', maxEntriesReturned: 5, offset: 0, basePoint: 'Beginning' },
  parentFolderIds: [{ distinguished: 'inbox' }],
});

describe('openMailbox', () => {
  it('keeps the mailbox in <dataDir>/mailbox.sqlite: reopened, it is the same mailbox and its ids still work', async () => {
    const dir = tempDir();
    const first = openMailbox({ dataDir: dir, seedMessages: 50 });
    const found = decodeResponse(FindItem, (await first.handle('demo@tern.test', inbox)).body).messages[0]!;
    const ids = found.rootFolder!.items.map((i) => i.itemId!);
    first.close();
    const again = openMailbox({ dataDir: dir, seedMessages: 5000 });
    const got = decodeResponse(
      GetItem,
      (
        await again.handle(
          'demo@tern.test',
          encodeRequest(GetItem, { itemShape: { baseShape: 'IdOnly' }, itemIds: ids }),
        )
      ).body,
    );
    expect(got.messages.map((m) => m.responseCode)).toEqual(ids.map(() => 'NoError'));
    const counts = decodeResponse(
      GetFolder,
      (
        await again.handle(
          'demo@tern.test',
          encodeRequest(GetFolder, { folderShape: { baseShape: 'Default' }, folderIds: [{ distinguished: 'inbox' }] }),
        )
      ).body,
    );
    expect(counts.messages[0]!.folders![0]!.totalCount).toBeLessThan(50);
    again.close();
  });

  it('checks passwords (any address case), follows a changed demo password, and knows its users', () => {
    const dir = tempDir();
    const a = openMailbox({ dataDir: dir, seedMessages: 0 });
    expect(a.verify('demo@tern.test', 'demo')).toBe(true);
    expect(a.verify('DEMO@tern.test', 'demo')).toBe(true);
    expect(a.verify('demo@tern.test', 'wrong')).toBe(false);
    expect(a.verify('nobody@tern.test', 'demo')).toBe(false);
    expect(a.hasUser('Ada@Tern.test')).toBe(true);
    expect(a.hasUser('nobody@tern.test')).toBe(false);
    a.close();
    const b = openMailbox({ dataDir: dir, seedMessages: 0, demoPassword: 's3cret' });
    expect(b.verify('ada@tern.test', 'demo')).toBe(false);
    expect(b.verify('ada@tern.test', 's3cret')).toBe(true);
    b.close();
  });

  it('faults a request for a user it does not have, and never throws for garbage', async () => {
    const m = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
    const nobody = await m.handle('nobody@tern.test', inbox);
    expect(nobody.status).toBe(500);
    expect(nobody.body).toContain('ErrorNonExistentMailbox');
    for (const junk of ['', 'not xml', '<a/>', '<?xml version="1.0"?>', '\u0000\u0001'.repeat(10)]) {
      const answer = await m.handle('demo@tern.test', junk);
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('ErrorSchemaValidation');
    }
    m.close();
  });

  it('delivers MIME to local recipients only, unread, without Bcc, stamped with the envelope sender', async () => {
    const m = openMailbox({ dataDir: ':memory:', seedMessages: 0 });
    const mime = [
      'From: someone@example.com',
      'To: demo@tern.test',
      'Bcc: ada@tern.test',
      'Subject: Hello',
      '',
      'Hi.',
      '',
    ].join('\r\n');
    expect(await m.deliver(mime, ['demo@tern.test', 'ada@tern.test', 'x@example.com'], 'bounce@example.com')).toEqual([
      'demo@tern.test',
      'ada@tern.test',
    ]);
    for (const user of ['demo@tern.test', 'ada@tern.test']) {
      const found = decodeResponse(FindItem, (await m.handle(user, inbox)).body).messages[0]!.rootFolder!.items;
      expect(found).toHaveLength(1);
      const item = decodeResponse(
        GetItem,
        (
          await m.handle(
            user,
            encodeRequest(GetItem, {
              itemShape: { baseShape: 'AllProperties', includeMimeContent: true },
              itemIds: [found[0]!.itemId!],
            }),
          )
        ).body,
      ).messages[0]!.items![0]!;
      expect(item.isRead).toBe(false);
      const source = Buffer.from(item.mimeContent!, 'base64').toString();
      expect(source).not.toContain('Bcc:');
      expect(source.startsWith('Return-Path: <bounce@example.com>')).toBe(true);
    }
    m.close();
  });
});
