import type {
  GetUserOofSettingsMessage,
  GetUserOofSettingsRequest,
  OofSettings,
  Response,
  SetUserOofSettingsMessage,
  SetUserOofSettingsRequest,
} from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { oofSettings, setOofSettings } from '../store/oof.js';

// Longer than any absence note; Exchange's own limit is of this order.
const MAX_REPLY_CHARS = 64 * 1024;

const notYours = {
  responseClass: 'Error',
  responseCode: 'ErrorAccessDenied',
  messageText: 'A mailbox here can read and set only its own automatic replies.',
} as const;

const own = (ctx: Ctx, mailbox: string) => mailbox.trim().toLowerCase() === ctx.user.address.toLowerCase();

/**
 * The signed-in user's automatic replies. The organisation lets them reply to anyone outside.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseroofsettings-operation
 */
export function getUserOofSettings(ctx: Ctx, req: GetUserOofSettingsRequest): Response<GetUserOofSettingsMessage>[] {
  if (!own(ctx, req.mailbox)) return [notYours];
  return [
    {
      responseClass: 'Success',
      responseCode: 'NoError',
      oofSettings: oofSettings(ctx.db, ctx.user.id),
      allowExternalOof: 'All',
    },
  ];
}

/** Why settings cannot be kept, or undefined: a schedule needs a start before its end. */
function invalid(s: OofSettings): string | undefined {
  if (s.oofState === 'Scheduled') {
    if (!s.duration) return 'Scheduled automatic replies need a Duration.';
    const start = Date.parse(s.duration.startTime);
    const end = Date.parse(s.duration.endTime);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start)
      return 'The Duration of automatic replies must end after it starts.';
  }
  if ((s.internalReply?.length ?? 0) > MAX_REPLY_CHARS || (s.externalReply?.length ?? 0) > MAX_REPLY_CHARS)
    return `An automatic reply may be at most ${MAX_REPLY_CHARS} characters.`;
  return undefined;
}

/**
 * Sets them. Every sender may be answered again afterwards, as Exchange does.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/setuseroofsettings-operation
 */
export function setUserOofSettings(ctx: Ctx, req: SetUserOofSettingsRequest): Response<SetUserOofSettingsMessage>[] {
  if (!own(ctx, req.mailbox)) return [notYours];
  const why = invalid(req.userOofSettings);
  if (why) return [{ responseClass: 'Error', responseCode: 'ErrorInvalidUserOofSettings', messageText: why }];
  ctx.db.write(() => setOofSettings(ctx.db, ctx.user.id, req.userOofSettings));
  return [{ responseClass: 'Success', responseCode: 'NoError' }];
}
