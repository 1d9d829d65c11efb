import {
  CodecError,
  SoapFault,
  decodeResponse,
  parseBackOff,
  type DecodedResponse,
  type Operation,
} from '../ews/index.js';

/** A plain sentence with its status: what a person sees when a download or a search fails. */
export function plainAnswer(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

/** What the server's own routes ask of the backend, named in the sentences a failure gives. */
export type Action = 'download' | 'search' | 'look-up' | 'read of automatic replies' | 'change of automatic replies';

/** 503 with the server's back-off as Retry-After (whole seconds) when it gave one. */
function busy(action: Action, retryAfter: string | undefined): Response {
  const when = retryAfter ? `in ${retryAfter} s` : 'shortly';
  return plainAnswer(
    503,
    `The mail server is busy and asked Tern to wait: try the ${action} again ${when}.`,
    retryAfter ? { 'retry-after': retryAfter } : {},
  );
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : String(Math.max(1, Math.ceil(ms / 1000))));

/** The fault's own sentence, without the code SoapFault puts in front. */
const faultText = (f: SoapFault) => f.message.slice(f.code.length + 2);

type Messages<Msg> = DecodedResponse<Msg>['messages'];

/**
 * The response messages of the backend's answer to a request one of the server's own routes made
 * (a download, a search); any answer without them becomes a status and a sentence that say what
 * happened, which the route hands on.
 */
export async function answerMessages<Msg>(
  op: Operation<unknown, Msg>,
  action: Action,
  answer: Response,
): Promise<Messages<Msg> | Response> {
  // Already ours: the session's "sign in again" (an upstream 401, or the injected one).
  if (answer.status === 401) return answer;
  if (answer.status === 503 || answer.status === 429)
    return busy(action, answer.headers.get('retry-after') ?? undefined);
  let messages;
  try {
    messages = decodeResponse(op, await answer.text()).messages;
  } catch (err) {
    if (err instanceof SoapFault) {
      if (err.code === 'ErrorServerBusy') return busy(action, seconds(err.backOffMs));
      // The proxy's own fault when the upstream gave no answer (502) or none in time (504).
      if (answer.status === 502 || answer.status === 504) return plainAnswer(502, `${faultText(err)}`);
      return plainAnswer(502, `The mail server refused the ${action}: ${faultText(err)}`);
    }
    if (err instanceof CodecError)
      return plainAnswer(502, `The mail server's answer could not be read: ${err.message}.`);
    throw err;
  }
  if (messages.length === 0) return plainAnswer(502, 'The mail server answered without a response message.');
  return messages;
}

/** What a person sees for a response message that failed (and that the route has no better word for). */
export function messageRefusal(action: Action, message: Messages<unknown>[number]): Response {
  if (message.responseCode === 'ErrorServerBusy') return busy(action, seconds(parseBackOff(message.messageXml)));
  return plainAnswer(
    502,
    `The mail server refused the ${action}: ${message.messageText ?? message.responseCode} (${message.responseCode}).`,
  );
}
