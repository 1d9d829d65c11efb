import { Hono } from 'hono';
import { GetUserOofSettings, SetUserOofSettings, type OofSettings } from '../ews/index.js';
import { answerMessages, messageRefusal, plainAnswer } from './backend-answer.js';
import type { Env } from './connection.js';
import { readJsonBody, refusalsAnswered, signedInAsker, type QueryRoute } from './json-query.js';

/**
 * `GET /api/automatic-replies`: the signed-in user's automatic replies ("out of office"), as the
 * codec's OofSettings and how far outside the organisation they may go: `{ settings,
 * allowExternal }`. `PUT` with `{ settings }` sets them. Always the signed-in user's own mailbox:
 * the page never names one.
 */
export const AUTOMATIC_REPLIES_PATH = '/api/automatic-replies';

/** The two operations this route sends, which proxy mode admits from here and not from `/ews`. */
export const OOF_OPERATIONS: ReadonlySet<string> = new Set([GetUserOofSettings.name, SetUserOofSettings.name]);

// Exchange's own limit on a reply is of this order; the body holds two.
const MAX_REPLY_CHARS = 30_000;
const MAX_BODY_BYTES = 256 * 1024;

const STATES = ['Disabled', 'Enabled', 'Scheduled'] as const;
const AUDIENCES = ['None', 'Known', 'All'] as const;

/**
 * EWS names the mailbox by its SMTP address; a user who signed in as DOMAIN\\name cannot be asked
 * for. Exchange Online's sign-in name is the address.
 */
export function addressOf(user: string): string | Response {
  return user.includes('@')
    ? user
    : plainAnswer(409, 'Automatic replies need your email address: sign out and sign in with it, not a domain name.');
}

/** The settings a page sent, checked, or the sentence that says what is wrong with them. */
export function readSettings(body: unknown): OofSettings | string {
  const s = (body as { settings?: Partial<Record<keyof OofSettings, unknown>> } | null)?.settings;
  if (!s || typeof s !== 'object') return 'Send { "settings": { "oofState", "externalAudience", … } }.';
  const state = STATES.find((x) => x === s.oofState);
  const audience = AUDIENCES.find((x) => x === s.externalAudience);
  if (!state) return `oofState must be ${STATES.join(', ')}.`;
  if (!audience) return `externalAudience must be ${AUDIENCES.join(', ')}.`;
  const out: OofSettings = { oofState: state, externalAudience: audience };
  for (const key of ['internalReply', 'externalReply'] as const) {
    const v = s[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > MAX_REPLY_CHARS)
      return `${key} must be text of at most ${MAX_REPLY_CHARS} characters.`;
    out[key] = v;
  }
  if (s.duration !== undefined) {
    const d = s.duration as { startTime?: unknown; endTime?: unknown } | null;
    const start = typeof d?.startTime === 'string' ? Date.parse(d.startTime) : NaN;
    const end = typeof d?.endTime === 'string' ? Date.parse(d.endTime) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) return 'duration needs a startTime and an endTime, as ISO dates.';
    if (end <= start) return 'The automatic replies must end after they start.';
    out.duration = { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString() };
  }
  if (state === 'Scheduled' && !out.duration) return 'Scheduled automatic replies need a duration.';
  return out;
}

export function automaticReplies(e: QueryRoute): Hono<Env> {
  const app = new Hono<Env>();
  app.get(
    AUTOMATIC_REPLIES_PATH,
    refusalsAnswered(async (c) => {
      const asker = await signedInAsker(c, e);
      if (asker instanceof Response) return asker;
      const mailbox = addressOf(asker.user);
      if (mailbox instanceof Response) return mailbox;
      const messages = await answerMessages(
        GetUserOofSettings,
        'read of automatic replies',
        await asker.ask(GetUserOofSettings, { mailbox }),
      );
      if (messages instanceof Response) return messages;
      const [m] = messages;
      if (m!.responseClass === 'Error' || !m!.oofSettings) return messageRefusal('read of automatic replies', m!);
      return c.json({ settings: m!.oofSettings, allowExternal: m!.allowExternalOof ?? 'All' });
    }),
  );

  app.put(
    AUTOMATIC_REPLIES_PATH,
    refusalsAnswered(async (c) => {
      const asker = await signedInAsker(c, e);
      if (asker instanceof Response) return asker;
      const read = await readJsonBody(c, '{ "settings": { … } }', MAX_BODY_BYTES);
      if (read instanceof Response) return read;
      const settings = readSettings(read.body);
      if (typeof settings === 'string') return plainAnswer(400, settings);
      const mailbox = addressOf(asker.user);
      if (mailbox instanceof Response) return mailbox;
      const messages = await answerMessages(
        SetUserOofSettings,
        'change of automatic replies',
        await asker.ask(SetUserOofSettings, { mailbox, userOofSettings: settings }),
      );
      if (messages instanceof Response) return messages;
      const [m] = messages;
      if (m!.responseClass === 'Error') return messageRefusal('change of automatic replies', m!);
      return c.json({ settings });
    }),
  );
  return app;
}
