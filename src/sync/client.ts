import { decodeResponse, encodeRequest, parseBackOff, SoapFault, type Operation, type Response } from '../ews/index.js';
import type { MailDB } from '../db/index.js';
import { noteBusy, resetBackoff } from './backoff.js';
import type { Clock } from './clock.js';
import { BUSY_CODES, ThrottledError } from './errors.js';
import type { Gate } from './gate.js';
import type { SyncSettings } from './settings.js';
import { TransportError, type Transport } from './transport.js';

/** What the last request showed about the connection (input of `deriveConnection`). */
export type Outcome = 'ok' | 'offline' | 'unreachable' | 'auth' | 'throttled';

/** Requests and bytes, counted for tests and benchmarks. */
export interface RequestStats {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  byOperation: Record<string, number>;
}

export type Call = <Req, Msg>(op: Operation<Req, Msg>, req: Req) => Promise<Response<Msg>[]>;

// A server under load may answer busy again right after a short wait; each wait is bounded by
// `waitInlineMs`, and so is their number.
const MAX_INLINE_WAITS = 10;

// The calls Exchange counts against ConcurrentSyncCalls.
const SYNC_OPERATIONS = new Set(['SyncFolderItems', 'SyncFolderHierarchy']);

export interface ClientDeps {
  db: MailDB;
  transport: Transport;
  clock: Clock;
  settings: SyncSettings;
  gate: Gate;
  onOutcome(outcome: Outcome): void;
  random?: () => number;
}

/**
 * The one way the engine talks to the server: encode, pass the gate, send, decode. "Busy" in
 * any of its forms (HTTP 503/429, an ErrorServerBusy fault, an ErrorServerBusy response
 * message) records the shared back-off and throws `ThrottledError`. Other per-message errors are
 * returned as values, one message per id, for the caller to handle.
 */
export function createClient(deps: ClientDeps): { call: Call; stats: RequestStats } {
  const stats: RequestStats = { requests: 0, bytesSent: 0, bytesReceived: 0, byOperation: {} };
  const { db, clock, settings } = deps;

  // Whether this context saw "busy" since its last success: only then is there a back-off
  // counter to reset (saves a database read per request).
  let backedOff = false;
  const busy = async (hintMs: number | undefined): Promise<never> => {
    backedOff = true;
    const until = await noteBusy(db, clock.now(), hintMs, settings, deps.random);
    deps.gate.forget();
    deps.onOutcome('throttled');
    throw new ThrottledError(until);
  };

  // A short back-off is waited out (no request meanwhile: the gate refuses until it has passed)
  // and the request sent again, a few times at most; a long one ends the pass.
  const call: Call = async <Req, Msg>(op: Operation<Req, Msg>, req: Req) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(op, req);
      } catch (err) {
        const wait = err instanceof ThrottledError ? err.until - clock.now() : Infinity;
        if (!clock.sleep || attempt >= MAX_INLINE_WAITS || wait > settings.waitInlineMs) throw err;
        await clock.sleep(Math.max(0, wait));
      }
    }
  };

  const send = <Req, Msg>(op: Operation<Req, Msg>, req: Req): Promise<Response<Msg>[]> => {
    const soap = encodeRequest(op, req);
    return deps.gate.run(SYNC_OPERATIONS.has(op.name) ? 'sync' : 'other', async () => {
      stats.requests++;
      stats.bytesSent += soap.length;
      stats.byOperation[op.name] = (stats.byOperation[op.name] ?? 0) + 1;
      let xml: string;
      try {
        xml = await deps.transport(soap);
      } catch (err) {
        if (err instanceof TransportError) {
          if (err.kind === 'busy') return busy(err.retryAfterMs);
          deps.onOutcome(err.kind);
        } else deps.onOutcome('unreachable');
        throw err;
      }
      stats.bytesReceived += xml.length;
      let messages: Response<Msg>[];
      try {
        messages = decodeResponse(op, xml).messages;
      } catch (err) {
        if (err instanceof SoapFault && BUSY_CODES.has(err.code)) return busy(err.backOffMs);
        deps.onOutcome('ok'); // the server answered; what it said is the caller's problem
        throw err;
      }
      const throttled = messages.find((m) => BUSY_CODES.has(m.responseCode));
      if (throttled) return busy(parseBackOff(throttled.messageXml));
      deps.onOutcome('ok');
      if (backedOff) {
        backedOff = false;
        await resetBackoff(db);
        deps.gate.forget();
      }
      return messages;
    });
  };
  return { call, stats };
}
