import { dropConnection } from './connection.js';
import type { EwsBackend } from './ews-backend.js';
import { answerWithFault } from './fault-answer.js';
import type { FaultQueue } from './faults.js';
import type { Mailbox } from './mailbox/mailbox.js';
import { xmlAnswer } from './soap-answer.js';

/** Mailbox mode: a queued fault first, if one matches, then the mailbox's own answer. */
export function mailboxBackend(mailbox: Mailbox, faults: FaultQueue): EwsBackend {
  return async ({ req, credentials, c, unauthorized }) => {
    const fault = faults.take(req.name, req.request);
    if (fault) {
      const answer = await answerWithFault(fault, {
        req,
        user: credentials.user,
        mailbox,
        unauthorized: () => unauthorized('Your session has ended (injected HTTP 401): sign in again.'),
        drop: () => dropConnection(c),
      });
      if (answer) return answer;
    }
    const { status, body } = await mailbox.handle(credentials.user, req.xml);
    return xmlAnswer(status, body);
  };
}
