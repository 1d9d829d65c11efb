import { createHmac } from 'node:crypto';
import { bindIds } from './context.js';
import { handleSoap, type Handling } from './handler.js';
import type { EmbeddedMailbox, MailboxOptions, OutgoingMessage } from './mailbox.js';
import { deliverMime } from './model/deliver.js';
import { checkPassword, hashPassword, PasswordCache } from './passwords.js';
import { seedMailbox } from './seed/seed.js';
import { openDb } from './store/database.js';
import { getMeta, setMeta } from './store/meta.js';
import { listOutgoing } from './store/outgoing.js';
import { allUsers, countUsers, setPassword, userByAddress } from './store/users.js';
import { DEFAULT_THROTTLE, Throttle } from './throttle.js';
import { TombstonePruner, tombstoneOptions } from './tombstone-pruner.js';

export type { Mailbox, EmbeddedMailbox, MailboxOptions, EwsAnswer, OutgoingMessage } from './mailbox.js';
export { DEFAULT_THROTTLE, type ThrottleOptions } from './throttle.js';
export { DEFAULT_TOMBSTONES, type TombstoneOptions } from './tombstone-pruner.js';

// A hash to compare against when the user does not exist, so a wrong address costs as long as
// a wrong password and the answer time does not tell which users exist.
const DECOY = hashPassword('decoy');

/**
 * Opens the embedded EWS mailbox: `<dataDir>/mailbox.sqlite` (or memory), created, migrated and,
 * when it has no users yet, seeded with the demo mailbox.
 */
export function openMailbox(options: MailboxOptions): EmbeddedMailbox {
  const clock = options.clock ?? Date.now;
  const password = options.demoPassword ?? 'demo';
  const retention = tombstoneOptions(options.tombstones);
  const db = openDb(options.dataDir);
  try {
    const fresh = countUsers(db) === 0;
    if (fresh) seedMailbox(db, { messages: options.seedMessages ?? 2000, password, now: clock() });
    keepDemoPassword(db, password, fresh);
  } catch (e) {
    db.close();
    throw e;
  }
  const users = allUsers(db);
  const locals = new Set(users.map((u) => u.address.toLowerCase()));
  const passwords = new PasswordCache(db.secret, clock);
  const handling: Handling = {
    db,
    ids: bindIds(db.instance),
    throttle: new Throttle({ ...DEFAULT_THROTTLE, ...options.throttle }, clock),
    clock,
    locals,
    log: (message, error) => console.error(`mailbox: ${message}:`, error),
  };
  const pruner = new TombstonePruner(db, retention, clock, handling.log);
  pruner.start();
  let open = true;

  return {
    verify(user, pass) {
      if (passwords.has(user, pass)) return true;
      const u = userByAddress(db, user);
      const ok = checkPassword(pass, u?.salt ?? DECOY.salt, u?.hash ?? DECOY.hash) && !!u;
      if (ok) passwords.add(user, pass);
      return ok;
    },
    hasUser: (address) => locals.has(address.trim().toLowerCase()),
    handle: (user, soap) => handleSoap(handling, user, soap),
    deliver: (mime, recipients, from) =>
      deliverMime(
        db,
        typeof mime === 'string' ? Buffer.from(mime, 'utf8') : Buffer.from(mime),
        recipients,
        clock(),
        from,
      ),
    outgoing: (): OutgoingMessage[] =>
      listOutgoing(db).map((o) => ({
        id: o.id,
        from: o.sender,
        to: JSON.parse(o.recipients) as string[],
        subject: o.subject,
        mime: o.mime.toString('utf8'),
        at: o.at,
      })),
    pruneTombstones: () => pruner.run(),
    close() {
      pruner.stop();
      if (open) db.close();
      open = false;
    },
  };
}

/** The demo users' password follows the option: a changed one is hashed again on open. */
function keepDemoPassword(db: ReturnType<typeof openDb>, password: string, fresh: boolean): void {
  const print = createHmac('sha256', db.secret).update(password).digest('base64');
  if (getMeta(db, 'demo_password') === print) return;
  db.write(() => {
    if (!fresh)
      for (const u of allUsers(db)) {
        const { salt, hash } = hashPassword(password);
        setPassword(db, u.id, salt, hash);
      }
    setMeta(db, 'demo_password', print);
  });
}
