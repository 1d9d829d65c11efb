import type { Context } from 'hono';
import type { Credentials } from './auth/basic-credentials.js';
import type { Env } from './connection.js';
import { DEFAULT_LIMITS, encodeRequest, type Operation } from '../ews/index.js';
import { readEwsRequest, type EwsRequest } from './ews-request.js';

/** One checked SOAP request from a signed-in user, on either endpoint. */
export interface EwsCall {
  req: EwsRequest;
  credentials: Credentials;
  c: Context<Env>;
  /** The endpoint's "sign in again" answer: a Basic challenge on /EWS/Exchange.asmx, JSON on /ews. */
  unauthorized: (message: string) => Response;
}

/** Who answers EWS: the embedded mailbox (with fault injection) or the upstream Exchange server. */
export type EwsBackend = (call: EwsCall) => Promise<Response>;

/** One request of the server's own routes (downloads, search), sent as the signed-in user. */
export type Ask = <Req>(op: Operation<Req, unknown>, request: Req) => Promise<Response>;

/**
 * How the server's own routes ask the backend: through the same request reader as the PWA's own
 * SOAP (proxy mode's allow-list included), to the same backend `/ews` uses (mailbox or upstream).
 */
export function askAs(
  call: Omit<EwsCall, 'req'>,
  backend: EwsBackend,
  allowed: ((name: string) => boolean) | undefined,
): Ask {
  return (op, request) => {
    const req = readEwsRequest(encodeRequest(op, request), DEFAULT_LIMITS, allowed);
    return backend({ ...call, req });
  };
}
