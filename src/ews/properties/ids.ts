import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { FolderRef, ItemId } from '../types.js';
import { readMailbox, writeMailbox } from './mailbox.js';

export function writeId(w: XmlWriter, name: string, id: ItemId | undefined): void {
  if (id) w.empty(name, { Id: id.id, ChangeKey: id.changeKey });
}

export function readId(el: XmlElement | undefined): ItemId | undefined {
  if (!el) return undefined;
  const id = el.attrs['Id'];
  if (id === undefined) throw new CodecError('unexpected', `<${el.local}> has no Id`);
  const changeKey = el.attrs['ChangeKey'];
  return changeKey === undefined ? { id } : { id, changeKey };
}

export function writeFolderRef(w: XmlWriter, ref: FolderRef): void {
  if ('distinguished' in ref) {
    if (ref.mailbox === undefined) w.empty('t:DistinguishedFolderId', { Id: ref.distinguished });
    else
      w.el('t:DistinguishedFolderId', { Id: ref.distinguished }, () =>
        writeMailbox(w, 't:Mailbox', { emailAddress: ref.mailbox }),
      );
  } else writeId(w, 't:FolderId', ref);
}

/** Reads one `t:FolderId` or `t:DistinguishedFolderId`. */
export function readFolderRef(el: XmlElement): FolderRef {
  if (el.local === 'DistinguishedFolderId') {
    const id = el.attrs['Id'];
    if (id === undefined) throw new CodecError('unexpected', '<DistinguishedFolderId> has no Id');
    const mailbox = readMailbox(child(el, NS.t, 'Mailbox'))?.emailAddress;
    return mailbox === undefined ? { distinguished: id } : { distinguished: id, mailbox };
  }
  if (el.local === 'FolderId') return readId(el)!;
  throw new CodecError('unexpected', `<${el.local}> is not a folder id`);
}

/** Reads the folder ids inside a container such as `m:FolderIds` or `m:ToFolderId`. */
export function readFolderRefs(container: XmlElement | undefined): FolderRef[] {
  return (container?.children ?? []).filter((c) => c.uri === NS.t).map(readFolderRef);
}

/** Reads the item ids inside `m:ItemIds`; only `t:ItemId` is supported. */
export function readItemIds(container: XmlElement | undefined): ItemId[] {
  return (container?.children ?? []).filter((c) => c.uri === NS.t && c.local === 'ItemId').map((c) => readId(c)!);
}
