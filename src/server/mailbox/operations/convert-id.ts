import type { ConvertIdMessage, ConvertIdRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { EwsFail } from '../errors.js';
import { each, ok } from './each.js';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * ConvertId. Ids here have one binary form, so conversion is only a change of spelling: base64
 * for EwsId, EwsLegacyId, OwaId, EntryId and StoreId, hexadecimal for HexEntryId. The answer
 * names the caller's own SMTP address in Mailbox: DavMail's login reads it from there.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation
 */
export function convertIds(ctx: Ctx, req: ConvertIdRequest): Response<ConvertIdMessage>[] {
  return each(req.sourceIds, (a) => {
    const bytes =
      a.format === 'HexEntryId' ? (HEX.test(a.id) ? Buffer.from(a.id, 'hex') : undefined) : Buffer.from(a.id, 'base64');
    const b64 = bytes?.toString('base64');
    const ours =
      b64 !== undefined &&
      (['item', 'folder', 'attachment'] as const).some((k) => typeof ctx.ids.decode(k, b64) === 'object');
    if (!ours) throw new EwsFail('ErrorInvalidIdMalformed');
    const id = req.destinationFormat === 'HexEntryId' ? bytes!.toString('hex').toUpperCase() : b64;
    return ok({ alternateId: { format: req.destinationFormat, id, mailbox: ctx.user.address } });
  });
}
