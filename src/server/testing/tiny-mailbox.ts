import {
  GetItem,
  OPERATIONS,
  SUCCESS,
  SyncFolderItems,
  decodeRequest,
  encodeFault,
  encodeResponse,
  type GetItemRequest,
  type Item,
  type Response as EwsResponse,
} from '../../ews/index.js';
import type { EwsAnswer, Mailbox, OutgoingMessage } from '../mailbox/mailbox.js';

/** A mailbox small enough to read at a glance, recording every call the HTTP layer makes. */
export interface TinyMailbox extends Mailbox {
  /** Each `handle` call, in order: who and which operation. */
  calls: { user: string; op: string }[];
  items: Map<string, Item>;
}

/**
 * A stand-in for the embedded mailbox in the HTTP layer's tests, built on the codec: two users
 * (password "demo"), a few Inbox items answered by GetItem and SyncFolderItems, Success for
 * everything else. It checks nothing an HTTP test does not need.
 */
export function tinyMailbox(itemCount = 3): TinyMailbox {
  const users = new Map([
    ['demo@tern.test', 'demo'],
    ['ada@tern.test', 'demo'],
  ]);
  const items = new Map<string, Item>();
  for (let i = 1; i <= itemCount; i++)
    items.set(`item-${i}`, {
      kind: 'Message',
      itemId: { id: `item-${i}`, changeKey: `ck-${i}` },
      subject: `Message ${i}`,
      isRead: false,
    });
  const outgoing: OutgoingMessage[] = [];
  const calls: { user: string; op: string }[] = [];
  return {
    calls,
    items,
    verify: (user, password) => users.get(user.toLowerCase()) === password,
    hasUser: (address) => users.has(address.toLowerCase()),
    async handle(user, soap): Promise<EwsAnswer> {
      let decoded;
      try {
        decoded = decodeRequest(soap);
      } catch (e) {
        return { status: 500, body: encodeFault({ code: 'ErrorSchemaValidation', message: String(e) }) };
      }
      calls.push({ user, op: decoded.name });
      const op = OPERATIONS[decoded.name];
      if (!op) return { status: 500, body: encodeFault({ code: 'ErrorInvalidRequest', message: decoded.name }) };
      if (op === GetItem) {
        const req = GetItem.readRequest(decoded.element) as GetItemRequest;
        const messages = req.itemIds.map((id): EwsResponse<{ items: Item[] }> => {
          const item = items.get(id.id);
          return item
            ? { ...SUCCESS, items: [item] }
            : { responseClass: 'Error', responseCode: 'ErrorItemNotFound', messageText: 'Not found.', items: [] };
        });
        return { status: 200, body: encodeResponse(GetItem, messages) };
      }
      if (op === SyncFolderItems) {
        const changes = [...items.values()].map((item) => ({ type: 'Create' as const, item }));
        const message = { ...SUCCESS, syncState: 'state-1', includesLastItemInRange: true, changes };
        return { status: 200, body: encodeResponse(SyncFolderItems, [message]) };
      }
      return { status: 200, body: encodeResponse(op, [{ ...SUCCESS }]) };
    },
    async deliver(_mime, recipients) {
      return recipients.filter((r) => users.has(r.toLowerCase()));
    },
    outgoing: () => outgoing,
    close() {},
  };
}
