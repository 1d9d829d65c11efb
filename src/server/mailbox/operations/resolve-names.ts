import type { ResolveNamesMessage, ResolveNamesRequest, Response } from '../../../ews/index.js';
import type { Ctx } from '../context.js';
import { allUsers } from '../store/users.js';
import type { UserRow } from '../store/rows.js';

// The schema's most resolutions in one answer.
const MAX_RESOLUTIONS = 100;

/** Whether the user's address, name or a word of the name begins with `q` (any case). */
const matches = (u: UserRow, q: string) =>
  u.address.toLowerCase().startsWith(q) || [u.name, ...u.name.split(/\s+/)].some((w) => w.toLowerCase().startsWith(q));

/**
 * ResolveNames over this mailbox's users, its directory: those whose address, name or a word of
 * their name begins with the entry ("SMTP:" prefix allowed, as Outlook sends it). As Exchange
 * answers: one found is a Success, several a Warning (`ErrorNameResolutionMultipleResults`) with
 * them all, none an Error (`ErrorNameResolutionNoResults`). Contacts folders hold no contacts here.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/resolvenames-operation
 */
export function resolveNames(ctx: Ctx, req: ResolveNamesRequest): Response<ResolveNamesMessage>[] {
  const q = req.unresolvedEntry
    .trim()
    .replace(/^smtp:/i, '')
    .toLowerCase();
  const found = q ? allUsers(ctx.db).filter((u) => matches(u, q)) : [];
  if (found.length === 0)
    return [
      {
        responseClass: 'Error',
        responseCode: 'ErrorNameResolutionNoResults',
        messageText: 'No results were found.',
      },
    ];
  const shown = found.slice(0, MAX_RESOLUTIONS);
  const resolutionSet = {
    totalItemsInView: shown.length,
    includesLastItemInRange: shown.length === found.length,
    resolutions: shown.map((u) => ({
      mailbox: { name: u.name, emailAddress: u.address, routingType: 'SMTP', mailboxType: 'Mailbox' },
    })),
  };
  return [
    found.length === 1
      ? { responseClass: 'Success', responseCode: 'NoError', resolutionSet }
      : {
          responseClass: 'Warning',
          responseCode: 'ErrorNameResolutionMultipleResults',
          messageText: 'Multiple results were found.',
          resolutionSet,
        },
  ];
}
