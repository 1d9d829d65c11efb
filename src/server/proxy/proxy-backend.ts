import type { EwsBackend } from '../ews-backend.js';
import { XML_CONTENT_TYPE, faultAnswer } from '../soap-answer.js';
import { callUpstream, UpstreamFailure, type UpstreamAnswer, type UpstreamOptions } from './upstream.js';
import type { UserBudget } from './user-budget.js';

/**
 * Proxy mode: the checked request goes to the one upstream as the signed-in user, within the
 * user's budget.
 */
export function proxyBackend(opts: UpstreamOptions, budget?: UserBudget): EwsBackend {
  return async ({ req, credentials, c, unauthorized }) => {
    const over = budget?.take(credentials.user, req.name);
    if (over) {
      const seconds = Math.ceil(over.waitMs / 1000);
      const what = over.sending ? 'messages made or sent' : 'requests';
      return faultAnswer(
        500,
        'ErrorServerBusy',
        `Too many ${what} in a short time: Tern did not pass this ${req.name} on to the mail server. Try again in ${seconds} s.`,
        { values: { BackOffMilliseconds: String(over.waitMs) } },
      );
    }
    let answer: UpstreamAnswer;
    try {
      answer = await callUpstream(opts, credentials, req.xml, c.req.raw.signal);
    } catch (e) {
      if (!(e instanceof UpstreamFailure)) throw e;
      const status = e.kind === 'timeout' ? 504 : 502;
      return faultAnswer(status, 'ErrorInternalServerTransientError', `Tern could not get an answer: ${e.message}.`);
    }
    return relay(answer, unauthorized);
  };
}

/**
 * Turns the upstream's answer into ours. SOAP passes through untouched (200, and 500 faults such
 * as ErrorServerBusy with its back-off); 401 and 503/429 keep their meaning so the client asks
 * for a sign-in or backs off; anything else, redirects included, is a 502 that says what happened.
 */
export function relay(a: UpstreamAnswer, unauthorized: (message: string) => Response): Response {
  const isXml = /\bxml\b/i.test(a.contentType);
  // The bytes as they came: SOAP needs no reading here, and the client reads faults itself.
  if ((a.status === 200 || a.status === 500) && isXml)
    // (Socket bytes live in plain ArrayBuffers, never shared ones.)
    return new Response(a.body as Uint8Array<ArrayBuffer>, {
      status: a.status,
      headers: { 'content-type': XML_CONTENT_TYPE },
    });
  if (a.status === 401) return unauthorized('The mail server no longer accepts your password: sign in again.');
  if (a.status === 503 || a.status === 429) {
    const headers: Record<string, string> = a.retryAfter === undefined ? {} : { 'retry-after': a.retryAfter };
    return faultAnswer(
      a.status,
      'ErrorServerBusy',
      `The mail server is busy or down for maintenance (HTTP ${a.status}). Try again later.`,
      { headers },
    );
  }
  if (a.status >= 300 && a.status < 400)
    return faultAnswer(
      502,
      'ErrorInternalServerError',
      `The mail server answered with a redirect (HTTP ${a.status}), which Tern does not follow: check the upstream URL setting.`,
    );
  return faultAnswer(
    502,
    'ErrorInternalServerError',
    `The mail server answered HTTP ${a.status}${isXml ? '' : ' without SOAP'}, which Tern cannot pass on.`,
  );
}
