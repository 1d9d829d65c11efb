import { Hono } from 'hono';
import { parseBasic } from './auth/basic-credentials.js';
import type { CredentialCheck } from './auth/credential-check.js';
import type { LoginLimiter } from './auth/login-limiter.js';
import { signIn } from './auth/sign-in.js';
import { clientAddress, type Env } from './connection.js';
import type { EwsBackend } from './ews-backend.js';
import { faultAnswer } from './soap-answer.js';
import { intakeSoap } from './soap-intake.js';

/** Where every EWS client looks for Exchange. */
export const EXCHANGE_PATH = '/EWS/Exchange.asmx';

export interface ExchangeEndpoint {
  check: CredentialCheck;
  limiter: LoginLimiter;
  backend: EwsBackend;
  maxRequestBytes: number;
}

/**
 * `/EWS/Exchange.asmx` with HTTP Basic auth, for any EWS client (EWS-CLIENTS.md §1): a request
 * without valid credentials gets 401 with a Basic challenge (DavMail sends nothing until it sees
 * one), a GET gets 401 rather than 404/405 (DavMail's start-up probe), and every answer is
 * `text/xml; charset=utf-8`.
 */
export function exchangeEndpoint(e: ExchangeEndpoint): Hono<Env> {
  const app = new Hono<Env>();
  const challenge = (message = 'Sign in with HTTP Basic authentication: your email address and password.') =>
    faultAnswer(401, 'ErrorAccessDenied', message, { headers: { 'www-authenticate': 'Basic realm="Tern"' } });

  app.on(['GET', 'HEAD'], EXCHANGE_PATH, () => challenge());

  app.post(EXCHANGE_PATH, async (c) => {
    const credentials = parseBasic(c.req.header('authorization'));
    if (!credentials) return challenge();
    const verdict = await signIn(e.limiter, e.check, clientAddress(c), credentials);
    if (!verdict.ok) {
      if (verdict.status === 401) return challenge(verdict.message);
      const headers: Record<string, string> =
        verdict.retryAfterSec === undefined ? {} : { 'retry-after': String(verdict.retryAfterSec) };
      return faultAnswer(verdict.status, 'ErrorAccessDenied', verdict.message, { headers });
    }
    const req = await intakeSoap(c, {
      types: ['text/xml', 'application/soap+xml'],
      maxBytes: e.maxRequestBytes,
    });
    if (req instanceof Response) return req;
    return e.backend({ req, credentials, c, unauthorized: challenge });
  });

  app.all(EXCHANGE_PATH, () =>
    faultAnswer(405, 'ErrorInvalidRequest', 'EWS requests are POSTed as SOAP.', {
      headers: { allow: 'GET, HEAD, POST' },
    }),
  );
  return app;
}
