import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { readNewMailAlerts, saveNewMailAlerts, startNewMailAlerts } from '../db/new-mail-alerts.js';
import { openMailDB, type MailDB } from '../db/schema.js';
import { folderRow, messageRow } from '../db/test-rows.js';
import type { AlertData } from '../sync/protocol.js';
import { tellOfNewMail, type AlertHost } from './new-mail.js';

const words = {
  noSubject: '(no subject)',
  unknownSender: '(unknown sender)',
  many: (count: number) => `${count} new messages`,
};
const ada = { name: 'Ada', email: 'ada@tern.test' };

async function mailbox(): Promise<MailDB> {
  const db = openMailDB('new-mail', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.folders.bulkPut([folderRow('inbox', { distinguished: 'inbox' }), folderRow('projects')]);
  await db.messages.bulkPut([messageRow('old', { receivedAt: 1000 }), messageRow('older', { receivedAt: 500 })]);
  return db;
}

interface Shown {
  title: string;
  body: string;
  tag: string;
  data: AlertData;
}

/** The platform as a window sees it: the notifications on screen, and whether the window is. */
function host(watching = false) {
  const shown: Shown[] = [];
  const h: AlertHost = {
    watching: () => watching,
    show: async (title, o) => {
      const prior = shown.findIndex((n) => n.tag === o.tag);
      if (prior >= 0) shown.splice(prior, 1);
      shown.push({ title, body: o.body ?? '', tag: o.tag ?? '', data: o.data });
    },
    closeAll: async () => void shown.splice(0),
  };
  return { h, shown };
}

describe('tellOfNewMail', () => {
  it('announces a message that came into the Inbox since the last pass, once', async () => {
    const db = await mailbox();
    await startNewMailAlerts(db, 99_999);
    expect((await readNewMailAlerts(db))?.since).toBe(1000); // the newest stored mail, not the device clock
    await db.messages.bulkPut([
      messageRow('a', { receivedAt: 2000, subject: 'Lunch?', preview: 'At noon', from: ada }),
      messageRow('read', { receivedAt: 2500, isRead: 1 }),
      messageRow('elsewhere', { receivedAt: 4000, folderId: 'projects' }),
    ]);
    const { h, shown } = host();
    await tellOfNewMail(db, h, words);
    expect(shown).toEqual([
      { title: 'Ada', body: 'Lunch?\nAt noon', tag: 'tern-mail:a', data: { folderId: 'inbox', messageId: 'a' } },
    ]);
    expect((await readNewMailAlerts(db))?.since).toBe(2500);

    shown.splice(0);
    await tellOfNewMail(db, h, words);
    expect(shown).toEqual([]);
  });

  it('tells of several at once in one notification that names the newest', async () => {
    const db = await mailbox();
    await startNewMailAlerts(db, 0);
    await db.messages.bulkPut([
      ...[1, 2, 3].map((i) =>
        messageRow(`m${i}`, { receivedAt: 1000 + i, subject: `S${i}`, from: { name: `P${i}`, email: '' } }),
      ),
      messageRow('m4', { receivedAt: 1004, subject: '', from: { name: '', email: 'bo@tern.test' } }),
      messageRow('m5', { receivedAt: 1005, subject: 'Hi' }),
    ]);
    const { h, shown } = host();
    await tellOfNewMail(db, h, words);
    expect(shown).toEqual([
      {
        title: '5 new messages',
        body: '(unknown sender): Hi\nbo@tern.test: (no subject)\nP3: S3',
        tag: 'tern-mail:m5',
        data: { folderId: 'inbox' },
      },
    ]);
  });

  it('clears its notifications while the user looks at the app, and does not bring that mail up later', async () => {
    const db = await mailbox();
    await startNewMailAlerts(db, 0);
    await db.messages.put(messageRow('a', { receivedAt: 2000 }));
    const away = host(false);
    await tellOfNewMail(db, away.h, words);
    expect(away.shown).toHaveLength(1);

    await db.messages.put(messageRow('b', { receivedAt: 3000 }));
    const watched = { ...away.h, watching: () => true };
    await tellOfNewMail(db, watched, words);
    expect(away.shown).toEqual([]);
    await tellOfNewMail(db, away.h, words);
    expect(away.shown).toEqual([]);
  });

  it('does not announce mail moved back into the Inbox, nor anything when the user has not asked', async () => {
    const db = await mailbox();
    const { h, shown } = host();
    await db.messages.put(messageRow('new', { receivedAt: 5000 }));
    await tellOfNewMail(db, h, words);
    expect(shown).toEqual([]);

    await startNewMailAlerts(db, 0);
    await db.messages.put(messageRow('moved-back', { receivedAt: 3000 }));
    await tellOfNewMail(db, h, words);
    expect(shown).toEqual([]);
  });

  it('survives a withdrawn permission and a stored entry it cannot read', async () => {
    const db = await mailbox();
    await startNewMailAlerts(db, 0);
    await db.messages.put(messageRow('a', { receivedAt: 2000 }));
    const { h } = host();
    h.show = () => Promise.reject(new TypeError('No notification permission has been granted for this origin.'));
    await expect(tellOfNewMail(db, h, words)).resolves.toBeUndefined();
    expect((await readNewMailAlerts(db))?.since).toBe(2000);
    await db.meta.put({ key: 'newMailAlerts', value: { since: 'yesterday' } });
    expect(await readNewMailAlerts(db)).toBeUndefined();
    await saveNewMailAlerts(db, undefined);
    expect(await db.meta.get('newMailAlerts')).toBeUndefined();
  });
});
