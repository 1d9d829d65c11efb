import { NS } from '../namespaces.js';
import { child, childText, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/oofstate */
export type OofState = 'Disabled' | 'Enabled' | 'Scheduled';
const OOF_STATES: readonly OofState[] = ['Disabled', 'Enabled', 'Scheduled'];

/** Who outside the organisation gets the external reply: nobody, senders in the user's contacts, anyone. */
export type ExternalAudience = 'None' | 'Known' | 'All';
const AUDIENCES: readonly ExternalAudience[] = ['None', 'Known', 'All'];

/**
 * Automatic replies ("out of office"). The replies are the message text Exchange sends, which
 * Outlook writes as HTML; `duration` bounds a Scheduled state (xs:dateTime, UTC).
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/useroofsettings
 */
export interface OofSettings {
  oofState: OofState;
  externalAudience: ExternalAudience;
  duration?: { startTime: string; endTime: string };
  internalReply?: string;
  externalReply?: string;
}

/** The mailbox whose settings these are, by SMTP address (`t:Mailbox/t:Address`). */
export interface GetUserOofSettingsRequest {
  mailbox: string;
}

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseroofsettingsresponse */
export interface GetUserOofSettingsMessage {
  oofSettings: OofSettings;
  /** Whom the organisation lets external replies go to, at most. */
  allowExternalOof: ExternalAudience;
}

export interface SetUserOofSettingsRequest {
  mailbox: string;
  userOofSettings: OofSettings;
}

/** The answer is its status alone. */
export type SetUserOofSettingsMessage = Record<never, never>;

function writeMailbox(w: XmlWriter, address: string): void {
  w.el('t:Mailbox', undefined, () => w.leaf('t:Address', address));
}

function readMailbox(el: XmlElement): string {
  const mailbox = child(el, NS.t, 'Mailbox');
  const address = mailbox && childText(mailbox, NS.t, 'Address');
  if (!address) throw new CodecError('unexpected', `${el.local} has no Mailbox/Address`);
  return address;
}

function pick<T extends string>(allowed: readonly T[], value: string | undefined, what: string): T {
  const hit = allowed.find((a) => a === value);
  if (!hit) throw new CodecError('unexpected', `${what} "${value ?? ''}" is not ${allowed.join(', ')}`);
  return hit;
}

const readAudience = (value: string | undefined) => pick(AUDIENCES, value, 'ExternalAudience');

function writeSettings(w: XmlWriter, tag: string, s: OofSettings): void {
  w.el(tag, undefined, () => {
    w.leaf('t:OofState', s.oofState).leaf('t:ExternalAudience', s.externalAudience);
    if (s.duration)
      w.el('t:Duration', undefined, () =>
        w.leaf('t:StartTime', s.duration!.startTime).leaf('t:EndTime', s.duration!.endTime),
      );
    // ReplyBody's Message is optional: an empty reply is an empty element.
    if (s.internalReply !== undefined) w.el('t:InternalReply', undefined, () => w.leaf('t:Message', s.internalReply));
    if (s.externalReply !== undefined) w.el('t:ExternalReply', undefined, () => w.leaf('t:Message', s.externalReply));
  });
}

function readSettings(el: XmlElement | undefined, what: string): OofSettings {
  if (!el) throw new CodecError('unexpected', `${what} has no settings`);
  const s: OofSettings = {
    oofState: pick(OOF_STATES, childText(el, NS.t, 'OofState'), 'OofState'),
    externalAudience: readAudience(childText(el, NS.t, 'ExternalAudience')),
  };
  const duration = child(el, NS.t, 'Duration');
  if (duration) {
    const startTime = childText(duration, NS.t, 'StartTime');
    const endTime = childText(duration, NS.t, 'EndTime');
    if (!startTime || !endTime) throw new CodecError('unexpected', 'Duration needs StartTime and EndTime');
    s.duration = { startTime, endTime };
  }
  const reply = (name: string) => {
    const r = child(el, NS.t, name);
    return r && (childText(r, NS.t, 'Message') ?? '');
  };
  const internal = reply('InternalReply');
  const external = reply('ExternalReply');
  if (internal !== undefined) s.internalReply = internal;
  if (external !== undefined) s.externalReply = external;
  return s;
}

/**
 * Reads a user's automatic replies. One of the few operations whose request element ends in
 * "Request" and whose answer holds one `m:ResponseMessage` beside the settings.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseroofsettings-operation
 */
export const GetUserOofSettings: Operation<GetUserOofSettingsRequest, GetUserOofSettingsMessage> = {
  name: 'GetUserOofSettingsRequest',
  flatResponse: 'GetUserOofSettingsResponse',
  writeRequest: (w, r) => writeMailbox(w, r.mailbox),
  readMessage(el) {
    const settings = child(el, NS.t, 'OofSettings');
    if (!settings) return {};
    const allow = childText(el, NS.m, 'AllowExternalOof');
    return { oofSettings: readSettings(settings, el.local), allowExternalOof: allow ? readAudience(allow) : 'All' };
  },
};

export const GetUserOofSettingsServer: ServerOperation<GetUserOofSettingsRequest, GetUserOofSettingsMessage> = {
  name: 'GetUserOofSettingsRequest',
  flatResponse: 'GetUserOofSettingsResponse',
  readRequest: (el) => ({ mailbox: readMailbox(el) }),
  writeMessage(w, m) {
    if (!m.oofSettings) return;
    writeSettings(w, 't:OofSettings', m.oofSettings);
    w.leaf('m:AllowExternalOof', m.allowExternalOof);
  },
};

/**
 * Sets a user's automatic replies.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/setuseroofsettings-operation
 */
export const SetUserOofSettings: Operation<SetUserOofSettingsRequest, SetUserOofSettingsMessage> = {
  name: 'SetUserOofSettingsRequest',
  flatResponse: 'SetUserOofSettingsResponse',
  writeRequest(w, r) {
    writeMailbox(w, r.mailbox);
    writeSettings(w, 't:UserOofSettings', r.userOofSettings);
  },
  readMessage: () => ({}),
};

export const SetUserOofSettingsServer: ServerOperation<SetUserOofSettingsRequest, SetUserOofSettingsMessage> = {
  name: 'SetUserOofSettingsRequest',
  flatResponse: 'SetUserOofSettingsResponse',
  readRequest: (el) => ({
    mailbox: readMailbox(el),
    userOofSettings: readSettings(child(el, NS.t, 'UserOofSettings'), el.local),
  }),
  writeMessage: () => undefined,
};
