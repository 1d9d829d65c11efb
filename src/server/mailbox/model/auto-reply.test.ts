import { describe, expect, it } from 'vitest';
import type { OofSettings } from '../../../ews/index.js';
import { parseMime } from '../mime/parse.js';
import { seedMailbox } from '../seed/seed.js';
import { openDb } from '../store/database.js';
import { setOofSettings } from '../store/oof.js';
import { listOutgoing } from '../store/outgoing.js';
import { userByAddress } from '../store/users.js';
import { answerAbsence, oofActive } from './auto-reply.js';
import { messageFromMime } from './new-message.js';

const NOW = Date.UTC(2027, 0, 10, 12);
const AWAY: OofSettings = {
  oofState: 'Enabled',
  externalAudience: 'All',
  internalReply: 'Out until Monday; Ada has my files.',
  externalReply: '<html><body><p>Out of the office until Monday.</p></body></html>',
};

function mailbox(settings: OofSettings = AWAY) {
  const db = openDb(':memory:');
  seedMailbox(db, { messages: 0, password: 'demo', now: NOW });
  const demo = userByAddress(db, 'demo@tern.test')!;
  setOofSettings(db, demo.id, settings);
  /** A message reaching demo: whether it is answered, once the answer (if any) has gone. */
  const arrive = async (headers: string, now = NOW): Promise<boolean> => {
    const raw = Buffer.from(
      `${headers}\r\nSubject: Hello\r\nMessage-ID: <m${Math.random()}@example.org>\r\n\r\nHi.\r\n`,
    );
    const msg = messageFromMime(await parseMime(raw), raw, { received: now, now, isRead: false, isDraft: false });
    // A transaction cannot hand out a promise: the reply on its way is taken out of it.
    let reply: Promise<void> | undefined;
    db.write(() => void (reply = answerAbsence(db, demo, msg, now)));
    await reply;
    return reply !== undefined;
  };
  return { db, demo, arrive, outgoing: () => listOutgoing(db) };
}

const to = 'To: Demo User <demo@tern.test>';

describe('answerAbsence', () => {
  it('answers a sender outside once, with the external reply, marked as automatic and as a reply', async () => {
    const { arrive, outgoing } = mailbox();
    expect(await arrive(`From: Grace <grace@example.org>\r\n${to}`)).toBe(true);
    const [reply] = outgoing();
    expect(reply).toMatchObject({
      sender: 'demo@tern.test',
      recipients: '["grace@example.org"]',
      subject: 'Automatic reply: Hello',
    });
    const mime = reply!.mime.toString('utf8');
    expect(mime).toMatch(/^Auto-Submitted: auto-replied\r?$/m);
    expect(mime).toMatch(/^In-Reply-To: <m[\d.]+@example\.org>\r?$/m);
    expect(mime).toContain('Out of the office until Monday.');

    expect(await arrive(`From: Grace <grace@example.org>\r\n${to}`)).toBe(false);
    expect(outgoing()).toHaveLength(1);
  });

  it('answers a colleague with the internal reply, into their Inbox when they are here', async () => {
    const { db, arrive, outgoing } = mailbox();
    await arrive(`From: Ada <ada@tern.test>\r\n${to}`);
    expect(outgoing()).toEqual([]);
    const ada = userByAddress(db, 'ada@tern.test')!;
    const got = db
      .prep("SELECT subject, body_text FROM items WHERE user_id = ? AND subject LIKE 'Automatic reply:%'")
      .all(ada.id) as { subject: string; body_text: string }[];
    expect(got).toHaveLength(1);
    expect(got[0]!.body_text).toContain('Ada has my files.');
  });

  it('leaves robots, lists, bulk mail, automatic mail and mail not addressed to the user unanswered', async () => {
    const { arrive, outgoing } = mailbox();
    for (const headers of [
      `From: MAILER-DAEMON@example.org\r\n${to}`,
      `From: no-reply@shop.example\r\n${to}`,
      `From: news@example.org\r\n${to}\r\nList-Id: <news.example.org>`,
      `From: news@example.org\r\n${to}\r\nList-Unsubscribe: <mailto:leave@example.org>`,
      `From: bulk@example.org\r\n${to}\r\nPrecedence: bulk`,
      `From: robot@example.org\r\n${to}\r\nAuto-Submitted: auto-generated`,
      `From: outlook@example.org\r\n${to}\r\nX-Auto-Response-Suppress: OOF, DR`,
      `From: grace@example.org\r\nTo: someone@example.org\r\nBcc: demo@tern.test`,
      `From: Demo User <demo@tern.test>\r\n${to}`,
    ])
      expect(await arrive(headers), headers).toBe(false);
    expect(outgoing()).toEqual([]);
    // Auto-Submitted: no is a person's mail.
    await arrive(`From: grace@example.org\r\n${to}\r\nAuto-Submitted: no`);
    expect(outgoing()).toHaveLength(1);
  });

  it('keeps outside senders unanswered unless the replies go to everyone', async () => {
    const { arrive } = mailbox({ ...AWAY, externalAudience: 'Known' });
    expect(await arrive(`From: grace@example.org\r\n${to}`)).toBe(false);
    const none = mailbox({ ...AWAY, externalReply: '  ' });
    expect(await none.arrive(`From: grace@example.org\r\n${to}`)).toBe(false);
  });

  it('answers a scheduled absence only within its time, and everyone again once the settings change', async () => {
    const scheduled: OofSettings = {
      ...AWAY,
      oofState: 'Scheduled',
      duration: { startTime: '2027-01-10T00:00:00Z', endTime: '2027-01-17T00:00:00Z' },
    };
    expect(oofActive(scheduled, Date.UTC(2027, 0, 9))).toBe(false);
    expect(oofActive(scheduled, Date.UTC(2027, 0, 16, 23))).toBe(true);
    expect(oofActive(scheduled, Date.UTC(2027, 0, 17))).toBe(false);
    expect(oofActive({ ...AWAY, oofState: 'Disabled' }, NOW)).toBe(false);

    const { db, demo, arrive, outgoing } = mailbox(scheduled);
    expect(await arrive(`From: grace@example.org\r\n${to}`, Date.UTC(2027, 0, 18))).toBe(false);
    await arrive(`From: grace@example.org\r\n${to}`);
    expect(outgoing()).toHaveLength(1);
    setOofSettings(db, demo.id, AWAY);
    await arrive(`From: grace@example.org\r\n${to}`);
    expect(outgoing()).toHaveLength(2);
  });
});

describe('afterCommit', () => {
  it('runs once the outermost write commits, and never after a rollback', () => {
    const db = openDb(':memory:');
    const ran: string[] = [];
    db.write(() => {
      db.write(() => db.afterCommit(() => ran.push('inner')));
      db.afterCommit(() => ran.push('outer'));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['inner', 'outer']);
    expect(() =>
      db.write(() => {
        db.afterCommit(() => ran.push('rolled back'));
        throw new Error('no');
      }),
    ).toThrow('no');
    db.afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['inner', 'outer', 'outside']);
  });
});
