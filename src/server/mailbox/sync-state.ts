import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Where a client stands in a folder's change log, handed to it as the opaque SyncState.
 * An unfinished initial sync also carries the snapshot it is walking: the high-water mark it
 * started at and the (received, id) of the last item sent, newest first.
 */
export type SyncState =
  | {
      kind: 'items';
      user: number;
      folder: number;
      pos: number;
      snapshot?: { hwm: number; after?: { received: number; id: number } };
    }
  | { kind: 'hierarchy'; user: number; folder: number; pos: number };

const MAC = 32;

/** base64url(JSON ‖ HMAC-SHA256(secret, JSON)): opaque to clients, and any change to it shows. */
export function signState(secret: Buffer, s: SyncState): string {
  const o: Record<string, unknown> = { k: s.kind === 'items' ? 'i' : 'h', u: s.user, f: s.folder, p: s.pos };
  if (s.kind === 'items' && s.snapshot) {
    o['h'] = s.snapshot.hwm;
    if (s.snapshot.after) o['a'] = [s.snapshot.after.received, s.snapshot.after.id];
  }
  const body = Buffer.from(JSON.stringify(o), 'utf8');
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

/** The state a token carries, or undefined when it was not made by this mailbox or was changed. */
export function readState(secret: Buffer, token: string): SyncState | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= MAC) return undefined;
  const body = raw.subarray(0, raw.length - MAC);
  if (!timingSafeEqual(mac(secret, body), raw.subarray(raw.length - MAC))) return undefined;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const int = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const { k, u, f, p, h, a } = o;
  if (!int(u) || !int(f) || !int(p)) return undefined;
  if (k === 'h') return { kind: 'hierarchy', user: u, folder: f, pos: p };
  if (k !== 'i') return undefined;
  const s: SyncState = { kind: 'items', user: u, folder: f, pos: p };
  if (h !== undefined) {
    if (!int(h)) return undefined;
    s.snapshot = { hwm: h };
    if (a !== undefined) {
      if (!Array.isArray(a) || a.length !== 2 || !Number.isSafeInteger(a[0]) || !int(a[1])) return undefined;
      s.snapshot.after = { received: a[0] as number, id: a[1] };
    }
  }
  return s;
}

function mac(secret: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}
