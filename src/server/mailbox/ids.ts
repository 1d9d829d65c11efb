/**
 * EWS ids are opaque base64 strings, and so are ours: a version byte, a kind byte, four bytes
 * naming this mailbox (an id from another mailbox file is "not found", never someone else's
 * item), the row id and, for items, a generation that a move bumps, because after a move the
 * old id is gone (the source folder syncs a Delete, the target a Create). Attachment ids carry
 * their item's generation too: Exchange derives them from the item's id, so a moved message's
 * attachments have new ids and the old ones are not found.
 * ChangeKeys carry the modification number of the last change, so every change makes a new one.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/ews-identifiers-in-exchange
 */
const VERSION = 1;
const KINDS = { item: 0x49, folder: 0x46, attachment: 0x41 } as const;
export type IdKind = keyof typeof KINDS;

export interface DecodedId {
  row: number;
  gen: number;
}

/** What decoding says: the row, an id of another mailbox, or bytes that are no id of ours. */
export type IdResult = DecodedId | 'foreign' | 'malformed';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// Folders have no generation. Attachment ids from before they had one (12 bytes) still read, as generation 0.
const long = (kind: IdKind) => kind !== 'folder';

export function encodeId(instance: Buffer, kind: IdKind, row: number, gen = 0): string {
  const b = Buffer.alloc(long(kind) ? 16 : 12);
  b[0] = VERSION;
  b[1] = KINDS[kind];
  instance.copy(b, 2, 0, 4);
  b.writeUIntBE(row, 6, 6);
  if (long(kind)) b.writeUInt32BE(gen, 12);
  return b.toString('base64');
}

export function decodeId(instance: Buffer, kind: IdKind, id: string): IdResult {
  if (!BASE64.test(id)) return 'malformed';
  const b = Buffer.from(id, 'base64');
  const size = long(kind) ? 16 : 12;
  if ((b.length !== size && !(kind === 'attachment' && b.length === 12)) || b.toString('base64') !== id)
    return 'malformed';
  if (b[0] !== VERSION || b[1] !== KINDS[kind]) return 'malformed';
  if (!b.subarray(2, 6).equals(instance.subarray(0, 4))) return 'foreign';
  return { row: b.readUIntBE(6, 6), gen: b.length === 16 ? b.readUInt32BE(12) : 0 };
}

export function encodeChangeKey(num: number): string {
  const b = Buffer.alloc(9);
  b[0] = 0x43;
  b.writeUIntBE(num, 3, 6);
  return b.toString('base64');
}

/** The modification number inside a ChangeKey, or undefined when it is not one of ours. */
export function decodeChangeKey(key: string): number | undefined {
  if (!BASE64.test(key)) return undefined;
  const b = Buffer.from(key, 'base64');
  if (b.length !== 9 || b[0] !== 0x43 || b.toString('base64') !== key) return undefined;
  return b.readUIntBE(3, 6);
}
