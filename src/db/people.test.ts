import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { correspondence } from './people.js';
import { openMailDB } from './schema.js';
import { folderRow, messageRow } from './test-rows.js';

const person = (name: string) => ({ name, email: `${name.toLowerCase()}@tern.test` });

describe('correspondence', () => {
  it('reads who mail went to from Sent Items and who it came from elsewhere, the newest first, within limits', async () => {
    const db = openMailDB('people', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.folders.bulkPut([
      folderRow('inbox', { distinguished: 'inbox' }),
      folderRow('sent', { distinguished: 'sentitems' }),
      folderRow('junk', { distinguished: 'junkemail' }),
      folderRow('drafts', { distinguished: 'drafts' }),
      folderRow('projects'),
    ]);
    await db.messages.bulkPut([
      messageRow('s1', {
        folderId: 'sent',
        receivedAt: 10,
        to: [person('Ada')],
        cc: [person('Grace')],
        from: person('Me'),
      }),
      messageRow('s2', { folderId: 'sent', receivedAt: 30, to: [person('Alan')], bcc: [person('Edsger')] }),
      messageRow('i1', { folderId: 'inbox', receivedAt: 20, from: person('Barbara') }),
      messageRow('p1', { folderId: 'projects', receivedAt: 40, from: person('Donald') }),
      messageRow('j1', { folderId: 'junk', receivedAt: 50, from: person('Spammer') }),
      messageRow('d1', { folderId: 'drafts', receivedAt: 60, to: [person('Nobody')], from: person('Me') }),
      messageRow('i2', { folderId: 'inbox', receivedAt: 5, from: person('Ken') }),
    ]);
    const seen = await correspondence(db, { sent: 1, received: 2 });
    expect(seen).toEqual([
      { address: person('Alan'), at: 30, sent: true },
      { address: person('Edsger'), at: 30, sent: true },
      { address: person('Donald'), at: 40, sent: false },
      { address: person('Barbara'), at: 20, sent: false },
    ]);
    const all = await correspondence(db);
    expect(all.filter((c) => c.sent).map((c) => c.address.name)).toEqual(['Alan', 'Edsger', 'Ada', 'Grace']);
    expect(all.filter((c) => !c.sent).map((c) => c.address.name)).toEqual(['Donald', 'Barbara', 'Ken']);
  });
});
