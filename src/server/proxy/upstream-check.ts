import { CodecError, GetFolder, SoapFault, decodeResponse, encodeRequest } from '../../ews/index.js';
import type { CredentialCheck } from '../auth/credential-check.js';
import { decodeUtf8 } from '../read-body.js';
import { callUpstream, UpstreamFailure, type UpstreamOptions } from './upstream.js';

// Every EWS server answers a GetFolder of the Inbox, and answers 401 to a wrong password (DESIGN.md).
const PROBE = encodeRequest(GetFolder, {
  folderShape: { baseShape: 'IdOnly' },
  folderIds: [{ distinguished: 'inbox' }],
});

/** Proxy mode's password check: a GetFolder of the Inbox against the upstream, as the user. */
export function upstreamCheck(opts: UpstreamOptions): CredentialCheck {
  const unavailable = (why: string) =>
    ({
      ok: false,
      reason: 'unavailable',
      message: `The mail server could not check your password (${why}). Try again in a moment.`,
    }) as const;
  return async (credentials) => {
    let answer;
    try {
      answer = await callUpstream(opts, credentials, PROBE);
    } catch (e) {
      if (e instanceof UpstreamFailure) return unavailable(e.message);
      throw e;
    }
    if (answer.status === 401 || answer.status === 403) return { ok: false, reason: 'bad-credentials' };
    if (answer.status !== 200) return unavailable(`it answered HTTP ${answer.status}`);
    try {
      decodeResponse(GetFolder, decodeUtf8(answer.body));
    } catch (e) {
      // A 200 that is not an EWS answer is a portal or a wrong URL, not a verdict on the password.
      if (e instanceof CodecError || e instanceof SoapFault) return unavailable('its answer was not EWS');
      throw e;
    }
    return { ok: true };
  };
}
