import type { Context } from 'hono';
import type { Credentials } from './auth/basic-credentials.js';
import type { Env } from './connection.js';
import type { EwsRequest } from './ews-request.js';

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
