import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/** The image proxy was about to connect to an address it must not reach. */
export class PrivateAddress extends Error {
  override name = 'PrivateAddress';
  constructor(host: string, ip?: string) {
    const who = ip === undefined || ip === host ? host : `${host} (${ip})`;
    super(`${who} is a private or local network address; Tern fetches images only from the public internet.`);
  }
}

/**
 * The address a URL names literally (IPv4, or IPv6 without its brackets), or undefined for a
 * host name. Node connects to a literal without calling `lookup`, so the guard below never sees
 * it: a literal must be checked before the request.
 */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
}

/**
 * A `lookup` for `http.request` that resolves the name itself and fails the connection when any
 * address it resolves to is not allowed. The check happens on the addresses the socket is about to
 * use, so a name that answers with a public address first and a private one later (DNS rebinding)
 * gains nothing. Every address counts, not only the first: with autoSelectFamily (Node 20's
 * default) the socket may try any of them.
 */
export function guardedLookup(isAllowed: (ip: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = addresses.find((a) => !isAllowed(a.address));
      if (refused) return callback(new PrivateAddress(hostname, refused.address), '');
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
