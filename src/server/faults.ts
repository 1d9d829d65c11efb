import { OPERATIONS } from '../ews/index.js';

/**
 * What the fault-injection endpoint can make the mailbox do to the next matching EWS request
 * (SECURITY.md §9 "F-proxy"). Engine tests drive it through `POST /admin/faults`.
 */
export type FaultKind =
  | 'busy-fault'
  | 'busy-message'
  | 'invalid-sync-state'
  | 'sync-folder-not-found'
  | 'item-not-found'
  | 'http-503'
  | 'http-401'
  | 'latency'
  | 'drop'
  | 'apply-then-drop'
  | 'apply-then-cut';

export interface Fault {
  kind: FaultKind;
  /** The EWS operation to match (e.g. SyncFolderItems); any operation the kind applies to when absent. */
  op?: string;
  /** How many requests it applies to (default 1). */
  count?: number;
  /** BackOffMilliseconds for busy-fault and busy-message (default 5000). */
  backOffMs?: number;
  /** Delay for latency, in milliseconds. */
  ms?: number;
  /** Retry-After for http-503, in seconds. */
  retryAfterSec?: number;
  /** Item ids that item-not-found answers ErrorItemNotFound for (all ids of the request when absent). */
  ids?: string[];
}

/** Operations a kind can apply to; kinds not listed apply to every operation. */
export const FAULT_OPERATIONS: Partial<Record<FaultKind, readonly string[]>> = {
  'invalid-sync-state': ['SyncFolderItems', 'SyncFolderHierarchy'],
  'sync-folder-not-found': ['SyncFolderItems', 'SyncFolderHierarchy'],
  'item-not-found': ['GetItem'],
};

const KINDS: readonly FaultKind[] = [
  'busy-fault',
  'busy-message',
  'invalid-sync-state',
  'sync-folder-not-found',
  'item-not-found',
  'http-503',
  'http-401',
  'latency',
  'drop',
  'apply-then-drop',
  'apply-then-cut',
];

// A latency fault longer than this is a typo, not a test: clients time out long before.
const MAX_LATENCY_MS = 10 * 60_000;

/** A fault list that cannot be used; the message names the entry and the field. */
export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

/** Checks a `{ "faults": [...] }` body field by field. */
export function parseFaults(body: unknown): Fault[] {
  const list = (body as { faults?: unknown } | null)?.faults;
  if (!Array.isArray(list)) throw new FaultSpecError('Send JSON of the form { "faults": [ { "kind": … } ] }.');
  return list.map((raw, i) => parseFault(raw, `faults[${i}]`));
}

function parseFault(raw: unknown, at: string): Fault {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new FaultSpecError(`${at} is not an object.`);
  const r = raw as Record<string, unknown>;
  const known = new Set(['kind', 'op', 'count', 'backOffMs', 'ms', 'retryAfterSec', 'ids']);
  const extra = Object.keys(r).find((k) => !known.has(k));
  if (extra !== undefined) throw new FaultSpecError(`${at} has an unknown field "${extra}".`);
  if (!KINDS.includes(r['kind'] as FaultKind))
    throw new FaultSpecError(`${at}.kind must be one of ${KINDS.join(', ')}; got ${JSON.stringify(r['kind'])}.`);
  const fault: Fault = { kind: r['kind'] as FaultKind };
  if (r['op'] !== undefined) {
    if (typeof r['op'] !== 'string' || !OPERATIONS[r['op']])
      throw new FaultSpecError(
        `${at}.op must name an EWS operation the mailbox speaks; got ${JSON.stringify(r['op'])}.`,
      );
    const only = FAULT_OPERATIONS[fault.kind];
    if (only && !only.includes(r['op']))
      throw new FaultSpecError(`${at}: ${fault.kind} applies to ${only.join(' or ')} only.`);
    fault.op = r['op'];
  }
  const int = (name: 'count' | 'backOffMs' | 'ms' | 'retryAfterSec', min: number, max: number) => {
    const v = r[name];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw new FaultSpecError(`${at}.${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(v)}.`);
    fault[name] = v;
  };
  int('count', 1, 1_000_000);
  int('backOffMs', 0, 24 * 3_600_000);
  int('ms', 0, MAX_LATENCY_MS);
  int('retryAfterSec', 0, 24 * 3600);
  if (r['ids'] !== undefined) {
    const ids = r['ids'];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
      throw new FaultSpecError(`${at}.ids must be a list of item id strings.`);
    fault.ids = ids;
  }
  if (fault.kind === 'latency' && fault.ms === undefined) throw new FaultSpecError(`${at}: latency needs "ms".`);
  return fault;
}

/**
 * The faults waiting to happen, first in first out. Each EWS request takes the first fault that
 * matches it and uses up one of its `count`.
 */
export class FaultQueue {
  readonly #queue: { fault: Fault; left: number }[] = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) this.#queue.push({ fault, left: fault.count ?? 1 });
  }

  clear(): void {
    this.#queue.length = 0;
  }

  /** What is left, with `count` saying how many requests each fault will still hit. */
  list(): Fault[] {
    return this.#queue.map(({ fault, left }) => ({ ...fault, count: left }));
  }

  /** Takes the fault for a request to operation `name` (with its decoded `request`), if any. */
  take(name: string, request: unknown): Fault | undefined {
    const i = this.#queue.findIndex(({ fault }) => matches(fault, name, request));
    const entry = this.#queue[i];
    if (!entry) return undefined;
    if (--entry.left === 0) this.#queue.splice(i, 1);
    return entry.fault;
  }
}

function matches(fault: Fault, name: string, request: unknown): boolean {
  if (fault.op !== undefined && fault.op !== name) return false;
  const only = FAULT_OPERATIONS[fault.kind];
  if (only && !only.includes(name)) return false;
  // An item-not-found for chosen ids waits for the GetItem that asks for one of them.
  if (fault.kind === 'item-not-found' && fault.ids) {
    const wanted = new Set(fault.ids);
    return itemIdsOf(request).some((id) => wanted.has(id));
  }
  return true;
}

/** The item ids a GetItem request asks for. */
export function itemIdsOf(request: unknown): string[] {
  const ids = (request as { itemIds?: { id: string }[] }).itemIds;
  return Array.isArray(ids) ? ids.map((i) => i.id) : [];
}
