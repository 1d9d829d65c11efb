import { NS } from '../namespaces.js';
import { child, childText, childrenNamed } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { Mailbox, RootFolderPaging } from '../types.js';
import { readMailbox, writeMailbox } from '../properties/mailbox.js';
import { readBool } from '../properties/scalars.js';
import { pagingAttrs, readPaging } from './paging.js';

/** Where ResolveNames looks: the directory, the user's contacts, or both in either order. */
export type ResolveNamesScope = 'ActiveDirectory' | 'ActiveDirectoryContacts' | 'Contacts' | 'ContactsActiveDirectory';
const SCOPES: readonly ResolveNamesScope[] = [
  'ActiveDirectory',
  'ActiveDirectoryContacts',
  'Contacts',
  'ContactsActiveDirectory',
];

/**
 * Finds people by the start of a name or an address in the organisation's directory (the GAL)
 * and the user's contacts: how a mail program offers colleagues never written to.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/resolvenames
 */
export interface ResolveNamesRequest {
  unresolvedEntry: string;
  returnFullContactData: boolean;
  searchScope?: ResolveNamesScope;
}

/** One person found. A `t:Contact` Exchange may add is not read: the mailbox names them. */
export interface Resolution {
  mailbox: Mailbox;
}

/**
 * Several found is a Warning (`ErrorNameResolutionMultipleResults`) with the set; none is an
 * Error (`ErrorNameResolutionNoResults`). At most 100 resolutions, as the schema has it.
 */
export interface ResolveNamesMessage {
  resolutionSet: RootFolderPaging & { resolutions: Resolution[] };
}

export const ResolveNames: Operation<ResolveNamesRequest, ResolveNamesMessage> = {
  name: 'ResolveNames',
  requestAttrs: (r) => ({ ReturnFullContactData: r.returnFullContactData, SearchScope: r.searchScope }),
  writeRequest(w, r) {
    w.leaf('m:UnresolvedEntry', r.unresolvedEntry);
  },
  readMessage(el) {
    const set = child(el, NS.m, 'ResolutionSet');
    if (!set) return {};
    const resolutions = childrenNamed(set, NS.t, 'Resolution').map((r) => ({
      mailbox: readMailbox(child(r, NS.t, 'Mailbox')) ?? {},
    }));
    return { resolutionSet: { ...readPaging(set), resolutions } };
  },
};

/** ResolveNames as a server reads its requests and writes its answers. */
export const ResolveNamesServer: ServerOperation<ResolveNamesRequest, ResolveNamesMessage> = {
  name: 'ResolveNames',
  readRequest(el) {
    const unresolvedEntry = childText(el, NS.m, 'UnresolvedEntry');
    if (!unresolvedEntry) throw new CodecError('unexpected', 'ResolveNames has no UnresolvedEntry');
    const returnFullContactData = readBool(el.attrs['ReturnFullContactData']);
    if (returnFullContactData === undefined)
      throw new CodecError('unexpected', 'ResolveNames has no ReturnFullContactData');
    const req: ResolveNamesRequest = { unresolvedEntry, returnFullContactData };
    const scope = SCOPES.find((s) => s === el.attrs['SearchScope']);
    if (scope) req.searchScope = scope;
    return req;
  },
  writeMessage(w, m) {
    const set = m.resolutionSet;
    if (!set) return;
    w.el('m:ResolutionSet', pagingAttrs(set), () =>
      set.resolutions.forEach((r) => w.el('t:Resolution', undefined, () => writeMailbox(w, 't:Mailbox', r.mailbox))),
    );
  },
};
