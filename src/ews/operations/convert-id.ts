import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import { readBool } from '../properties/scalars.js';

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/alternateid */
export interface AlternateId {
  format: string;
  id: string;
  mailbox: string;
  isArchive?: boolean;
}

/**
 * Converts id formats. DavMail's login reads its own SMTP address back from `Mailbox`.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid
 */
export interface ConvertIdRequest {
  destinationFormat: string;
  sourceIds: AlternateId[];
}

export interface ConvertIdMessage {
  alternateId: AlternateId;
}

const attrs = (a: AlternateId) => ({ Format: a.format, Id: a.id, Mailbox: a.mailbox, IsArchive: a.isArchive });

function readAlternateId(a: Record<string, string>): AlternateId {
  const { Format: format, Id: id, Mailbox: mailbox } = a;
  if (format === undefined || id === undefined || mailbox === undefined)
    throw new CodecError('unexpected', 'AlternateId needs Format, Id and Mailbox');
  const out: AlternateId = { format, id, mailbox };
  const archive = readBool(a['IsArchive']);
  if (archive !== undefined) out.isArchive = archive;
  return out;
}

export const ConvertId: Operation<ConvertIdRequest, ConvertIdMessage> = {
  name: 'ConvertId',
  requestAttrs: (r) => ({ DestinationFormat: r.destinationFormat }),
  writeRequest(w, r) {
    w.el('m:SourceIds', undefined, () => r.sourceIds.forEach((a) => w.empty('t:AlternateId', attrs(a))));
  },
  readMessage(el) {
    const a = child(el, NS.m, 'AlternateId');
    return a ? { alternateId: readAlternateId(a.attrs) } : {};
  },
};

/** ConvertId as a server reads its requests and writes its answers. */
export const ConvertIdServer: ServerOperation<ConvertIdRequest, ConvertIdMessage> = {
  name: 'ConvertId',
  readRequest(el) {
    const destinationFormat = el.attrs['DestinationFormat'];
    if (!destinationFormat) throw new CodecError('unexpected', 'ConvertId has no DestinationFormat');
    const ids = (child(el, NS.m, 'SourceIds')?.children ?? []).filter(
      (c) => c.uri === NS.t && c.local === 'AlternateId',
    );
    return { destinationFormat, sourceIds: ids.map((c) => readAlternateId(c.attrs)) };
  },
  // The element is typed by the abstract AlternateIdBaseType, hence xsi:type.
  writeMessage(w, m) {
    if (m.alternateId) w.empty('m:AlternateId', { 'xsi:type': 't:AlternateIdType', ...attrs(m.alternateId) });
  },
};
