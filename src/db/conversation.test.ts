import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { recordAction } from './actions.js';
import { CONVERSATION_LIMIT, conversationOf, keyOf } from './conversation.js';
import type { Draft } from './outbox-ops.js';
import { openMailDB, type MailDB } from './schema.js';
import { folderRow, messageRow } from './test-rows.js';

const ada = { name: 'Ada', email: 'ada@tern.test' };

async function mailbox(): Promise<MailDB> {
  const db = openMailDB('conversation', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.folders.bulkPut([
    folderRow('inbox', { distinguished: 'inbox' }),
    folderRow('sent', { distinguished: 'sentitems' }),
    folderRow('drafts', { distinguished: 'drafts' }),
    folderRow('trash', { distinguished: 'deleteditems' }),
    folderRow('junk', { distinguished: 'junkemail' }),
    folderRow('projects'),
  ]);
  await db.messages.bulkPut([
    messageRow('first', { conversationId: 'c1', receivedAt: 10, from: ada }),
    messageRow('mine', { conversationId: 'c1', receivedAt: 20, folderId: 'sent' }),
    messageRow('filed', { conversationId: 'c1', receivedAt: 30, folderId: 'projects' }),
    messageRow('binned', { conversationId: 'c1', receivedAt: 40, folderId: 'trash' }),
    messageRow('spam', { conversationId: 'c1', receivedAt: 50, folderId: 'junk' }),
    messageRow('other', { conversationId: 'c2', receivedAt: 25 }),
    messageRow('alone', { receivedAt: 5 }),
  ]);
  return db;
}

const ids = async (db: MailDB, id: string) => (await conversationOf(db, (await db.messages.get(id))!)).map(keyOf);

const reply = (sourceId: string, mode: 'reply' | 'forward' = 'reply'): Draft => ({
  to: [ada],
  cc: [],
  bcc: [],
  subject: 'Re: plans',
  text: 'Agreed.',
  source: { id: sourceId, mode },
});

describe('conversationOf', () => {
  it('gathers a conversation from every folder, oldest first, leaving the bin and Junk out unless the message is there', async () => {
    const db = await mailbox();
    expect(await ids(db, 'first')).toEqual(['first', 'mine', 'filed']);
    expect(await ids(db, 'filed')).toEqual(['first', 'mine', 'filed']);
    expect(await ids(db, 'binned')).toEqual(['first', 'mine', 'filed', 'binned']);
    expect(await ids(db, 'spam')).toEqual(['first', 'mine', 'filed', 'spam']);
    expect(await ids(db, 'other')).toEqual(['other']);
    expect(await ids(db, 'alone')).toEqual([]);
  });

  it('shows a reply written here: a draft at once, a send while it waits, and no forward', async () => {
    const db = await mailbox();
    await recordAction(db, { kind: 'save-draft', draft: reply('filed') }, 100);
    await recordAction(db, { kind: 'send', draft: reply('first') }, 200);
    await recordAction(db, { kind: 'send', draft: reply('other') }, 300);
    await recordAction(db, { kind: 'send', draft: reply('first', 'forward') }, 400);
    const parts = await conversationOf(db, (await db.messages.get('first'))!);
    expect(parts.map((p) => p.kind)).toEqual(['message', 'message', 'message', 'message', 'waiting']);
    const draft = parts[3]!;
    expect(draft.kind === 'message' && draft.message.isDraft).toBe(true);
    expect(parts[4]).toMatchObject({ kind: 'waiting', at: 200, to: [ada], text: 'Agreed.' });

    // Once the send has gone (its entry settled), the copy in Sent Items shows instead.
    await db.outbox.clear();
    expect((await conversationOf(db, (await db.messages.get('first'))!)).map((p) => p.kind)).not.toContain('waiting');
  });

  it('keeps the newest messages of a conversation longer than the limit', async () => {
    const db = await mailbox();
    const many = Array.from({ length: CONVERSATION_LIMIT + 5 }, (_, i) =>
      messageRow(`m${i}`, { conversationId: 'long', receivedAt: 1000 + i }),
    );
    await db.messages.bulkPut(many);
    const parts = await ids(db, 'm0');
    expect(parts).toHaveLength(CONVERSATION_LIMIT);
    expect(parts[0]).toBe('m5');
    expect(parts.at(-1)).toBe(`m${CONVERSATION_LIMIT + 4}`);
  });
});
