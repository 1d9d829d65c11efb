import type { GetFolderMessage, GetFolderRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { resolveFolder } from '../model/resolve.js';
import { renderFolders } from '../view/folder-view.js';
import { each, ok } from './each.js';

/**
 * GetFolder: one response message per id, in request order; an id this mailbox does not have
 * (exchangelib asks for 31 well-known ones at once, Thunderbird for `archive`) fails alone.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getfolder-operation
 */
export function getFolder(ctx: Ctx, req: GetFolderRequest): Response<GetFolderMessage>[] {
  return each(req.folderIds, (ref) => ok({ folders: renderFolders(ctx, [resolveFolder(ctx, ref)], req.folderShape) }));
}
