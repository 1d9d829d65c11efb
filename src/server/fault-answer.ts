import {
  GetItem,
  GetItemServer,
  decodeResponse,
  encodeFault,
  encodeRequest,
  encodeResponse,
  type GetItemMessage,
  type GetItemRequest,
  type Response as EwsResponse,
} from '../ews/index.js';
import type { EwsRequest } from './ews-request.js';
import { itemIdsOf, type Fault } from './faults.js';
import type { Mailbox } from './mailbox/mailbox.js';
import { DroppedConnection } from './connection.js';
import { XML_CONTENT_TYPE, xmlAnswer } from './soap-answer.js';

/** What a fault needs to answer one request in place of (or around) the mailbox. */
export interface FaultTarget {
  req: EwsRequest;
  user: string;
  mailbox: Mailbox;
  /** The endpoint's own "sign in again" answer (Basic challenge or session message). */
  unauthorized: () => Response;
  /** Ends the request with no answer at all. */
  drop: () => never;
}

// Exchange's default suggestion when it does not compute one.
const DEFAULT_BACKOFF_MS = 5000;

// The texts Exchange sends (samples 13, 16 and 22 in test/fixtures/ews-samples/).
const TEXT = {
  busy: 'The server cannot service this request right now. Try again later.',
  invalidSyncState: 'Synchronization state data is corrupt or otherwise invalid.',
  syncFolderNotFound: 'The specified folder could not be found in the store.',
  itemNotFound: 'The specified object was not found in the store.',
  unavailable: 'The service is temporarily unavailable.',
};

/**
 * The answer `fault` gives to `t.req`; undefined means "now let the mailbox answer" (latency).
 * Each answer has the shape Exchange gives, so clients exercise their real error paths.
 */
export async function answerWithFault(fault: Fault, t: FaultTarget): Promise<Response | undefined> {
  const backOff = { BackOffMilliseconds: String(fault.backOffMs ?? DEFAULT_BACKOFF_MS) };
  switch (fault.kind) {
    case 'busy-fault':
      // https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-throttling-in-exchange
      return xmlAnswer(500, encodeFault({ code: 'ErrorServerBusy', message: TEXT.busy, values: backOff }));
    case 'busy-message':
      return errorMessages(t.req, 'ErrorServerBusy', TEXT.busy, backOff);
    case 'invalid-sync-state':
      return errorMessages(t.req, 'ErrorInvalidSyncStateData', TEXT.invalidSyncState);
    case 'sync-folder-not-found':
      return errorMessages(t.req, 'ErrorSyncFolderNotFound', TEXT.syncFolderNotFound);
    case 'item-not-found':
      return itemNotFound(fault, t);
    case 'http-503': {
      const headers: Record<string, string> =
        fault.retryAfterSec === undefined ? {} : { 'retry-after': String(fault.retryAfterSec) };
      return xmlAnswer(
        503,
        encodeFault({ code: 'ErrorInternalServerTransientError', message: TEXT.unavailable }),
        headers,
      );
    }
    case 'http-401':
      return t.unauthorized();
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 0));
      return undefined;
    case 'drop':
      return t.drop();
    case 'apply-then-drop':
      await t.mailbox.handle(t.user, t.req.xml);
      return t.drop();
    case 'apply-then-cut': {
      const { status, body } = await t.mailbox.handle(t.user, t.req.xml);
      return cutShort(status, body);
    }
  }
}

/**
 * The status, the headers and the first half of the answer, then a broken connection: the client
 * had begun to read when the network went. Over a socket the server destroys it mid-body; in
 * process, reading the body rejects as `fetch` does.
 */
function cutShort(status: number, xml: string): Response {
  const bytes = new TextEncoder().encode(xml);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, bytes.length >> 1));
      controller.error(new DroppedConnection());
    },
  });
  return new Response(body, { status, headers: { 'content-type': XML_CONTENT_TYPE } });
}

/** One error message per id the request names, as the operation itself would answer. */
function errorMessages(req: EwsRequest, code: string, text: string, values?: Record<string, string>): Response {
  const message: EwsResponse<unknown> = { responseClass: 'Error', responseCode: code, messageText: text };
  if (values) message.messageXml = values;
  const messages = Array.from({ length: responseCount(req.request) }, () => ({ ...message }));
  return xmlAnswer(200, encodeResponse(req.op, messages));
}

// The request fields that hold "one response message each" lists, across all operations.
const PER_ID_FIELDS = [
  'itemIds',
  'itemChanges',
  'items',
  'folderIds',
  'folderChanges',
  'folders',
  'parentFolderIds',
  'attachmentIds',
  'sourceIds',
] as const;

/** How many response messages EWS gives for `request`: one per id, or one for the sync operations. */
export function responseCount(request: unknown): number {
  const r = request as Record<string, unknown>;
  for (const field of PER_ID_FIELDS) {
    const list = r[field];
    if (Array.isArray(list)) return Math.max(1, list.length);
  }
  return 1;
}

/**
 * GetItem with some ids gone: ErrorItemNotFound for the chosen ids (or all), the mailbox's real
 * answer for the others, in request order, as Exchange answers a batch with a vanished item.
 * The kept items pass through the codec (decoded, then encoded again), so they carry what the
 * codec models: every property Tern and the clients in EWS-CLIENTS.md read.
 */
async function itemNotFound(fault: Fault, t: FaultTarget): Promise<Response> {
  const request = t.req.request as GetItemRequest;
  const gone = new Set(fault.ids ?? itemIdsOf(request));
  const kept = request.itemIds.filter((id) => !gone.has(id.id));
  let real: EwsResponse<GetItemMessage>[] = [];
  if (kept.length) {
    const answer = await t.mailbox.handle(t.user, encodeRequest(GetItem, { ...request, itemIds: kept }));
    // A fault for the remaining ids (throttling, say) is the answer for the whole request.
    if (answer.status !== 200) return xmlAnswer(answer.status, answer.body);
    real = decodeResponse(GetItem, answer.body).messages;
  }
  const notFound: EwsResponse<GetItemMessage> = {
    responseClass: 'Error',
    responseCode: 'ErrorItemNotFound',
    messageText: TEXT.itemNotFound,
    items: [],
  };
  let next = 0;
  const messages = request.itemIds.map((id) => (gone.has(id.id) ? notFound : (real[next++] ?? notFound)));
  return xmlAnswer(200, encodeResponse(GetItemServer, messages));
}
