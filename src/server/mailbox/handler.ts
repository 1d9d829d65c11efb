import {
  CodecError,
  DEFAULT_LIMITS,
  NS,
  decodeRequest,
  encodeFault,
  encodeResponse,
  type Response,
  type XmlLimits,
} from '../../ews/index.js';
import type { Ctx, Ids } from './context.js';
import { errorStatus, textOf } from './errors.js';
import type { EwsAnswer } from './mailbox.js';
import { breathe } from './model/folder-tree.js';
import { HANDLERS, SYNC_OPERATIONS } from './operations/index.js';
import type { Db } from './store/database.js';
import { userByAddress } from './store/users.js';
import { concurrentSyncText, type Throttle } from './throttle.js';

// A CreateItem may carry a message of up to 35 MB, base64 in XML: room for that, no more.
const LIMITS: XmlLimits = { ...DEFAULT_LIMITS, maxLength: 64 * 1024 * 1024 };

export interface Handling {
  db: Db;
  ids: Ids;
  throttle: Throttle;
  clock: () => number;
  locals: ReadonlySet<string>;
  /** Where unexpected failures are reported (they answer ErrorInternalServerError). */
  log: (message: string, error: unknown) => void;
}

const fault = (code: string, message = textOf(code), values?: Record<string, string>): EwsAnswer => ({
  status: 500,
  body: encodeFault(values ? { code, message, values } : { code, message }),
});

/**
 * One SOAP request: decode → dispatch → encode. The budget is checked first (a fault, as EXO
 * sends for ErrorServerBusy), then the envelope; a request the codec refuses is
 * ErrorSchemaValidation and an operation this mailbox does not speak is ErrorInvalidRequest,
 * both faults and both before anything is written. Everything else answers in response messages.
 */
export async function handleSoap(h: Handling, address: string, soap: string): Promise<EwsAnswer> {
  const user = userByAddress(h.db, address);
  if (!user) return fault('ErrorNonExistentMailbox');
  const wait = h.throttle.take(user.address.toLowerCase());
  if (wait !== undefined)
    return fault('ErrorServerBusy', textOf('ErrorServerBusy'), { BackOffMilliseconds: String(wait) });

  let name: string;
  let req: unknown;
  let entry;
  try {
    const decoded = decodeRequest(soap, LIMITS);
    name = decoded.name;
    if (decoded.header?.children.some((c) => c.uri === NS.t && c.local === 'ExchangeImpersonation'))
      return fault('ErrorImpersonationDenied');
    entry = HANDLERS.get(name);
    if (!entry)
      return fault(
        'ErrorInvalidRequest',
        `The request is invalid: this server does not support the operation '${name}'.`,
      );
    req = entry.op.readRequest(decoded.element);
  } catch (e) {
    if (e instanceof CodecError)
      return fault('ErrorSchemaValidation', `The request failed schema validation: ${e.message}`);
    h.log('could not read an EWS request', e);
    return fault('ErrorInternalServerError');
  }

  let release: (() => void) | undefined;
  if (SYNC_OPERATIONS.has(name)) {
    release = h.throttle.enterSync(user.address.toLowerCase());
    if (!release) {
      const ms = h.throttle.options.syncBackOffMs;
      const busy = {
        ...errorStatus('ErrorServerBusy', concurrentSyncText(h.throttle.options.concurrentSyncCalls, ms), {
          BackOffMilliseconds: String(ms),
        }),
        syncState: '',
        ...(name === 'SyncFolderItems' ? { includesLastItemInRange: true } : { includesLastFolderInRange: true }),
      };
      return { status: 200, body: encodeResponse(entry.op, [busy as Response<unknown>]) };
    }
  }
  try {
    // A sync page is the heaviest call: let requests already waiting go first. This turn is
    // also where concurrent sync calls of one user overlap, as they do on Exchange.
    if (release) await breathe();
    const ctx: Ctx = { db: h.db, user, now: h.clock(), ids: h.ids, locals: h.locals };
    const messages = await entry.run(ctx, req);
    return { status: 200, body: encodeResponse(entry.op, messages) };
  } catch (e) {
    h.log(`${name} failed`, e);
    return fault('ErrorInternalServerError');
  } finally {
    release?.();
  }
}
