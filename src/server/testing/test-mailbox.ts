import { SyncFolderItems, decodeResponse, encodeRequest, type Item } from '../../ews/index.js';
import { openMailbox } from '../mailbox/index.js';
import type { Mailbox } from '../mailbox/mailbox.js';

/** A mailbox that records what reached it, so tests can assert that a refused request reached nothing. */
export interface RecordingMailbox extends Mailbox {
  /** Each `handle` call, in order: who and which operation. */
  calls: { user: string; op: string }[];
}

/**
 * The real embedded mailbox in memory with a small seed; throttling is opened up because these
 * tests are about the HTTP layer, not about the mailbox's request budget.
 */
export function testMailbox(seedMessages = 20): Mailbox {
  return openMailbox({
    dataDir: ':memory:',
    seedMessages,
    throttle: { burst: 100_000, rechargePerSecond: 100_000 },
  });
}

/** Wraps `mailbox` with a fresh call log (the mailbox itself can be shared between tests). */
export function recording(mailbox: Mailbox): RecordingMailbox {
  const calls: { user: string; op: string }[] = [];
  return {
    calls,
    verify: (user, password) => mailbox.verify(user, password),
    hasUser: (address) => mailbox.hasUser(address),
    handle(user, soap) {
      calls.push({ user, op: soap.match(/<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/)?.[1] ?? '?' });
      return mailbox.handle(user, soap);
    },
    deliver: (mime, recipients, from) => mailbox.deliver(mime, recipients, from),
    outgoing: () => mailbox.outgoing(),
    close: () => mailbox.close(),
  };
}

/** The first `n` Inbox items of `user`, newest first, as an initial IdOnly sync sees them. */
export async function inboxItems(mailbox: Mailbox, n: number, user = 'demo@tern.test'): Promise<Item[]> {
  const soap = encodeRequest(SyncFolderItems, {
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }] },
    syncFolderId: { distinguished: 'inbox' },
    maxChangesReturned: n,
  });
  const [m] = decodeResponse(SyncFolderItems, (await mailbox.handle(user, soap)).body).messages;
  return (m?.changes ?? []).flatMap((c) => (c.type === 'Create' ? [c.item] : []));
}
